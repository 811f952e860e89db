import {
  NotificationErrors,
  ReprintReceipt,
  SaleCompleted,
  SaleReversed,
  type Principal,
  type ReceiptReply,
} from '@tillpoint/contracts';
import { PinCipher } from '@tillpoint/runtime';
import { eventually, saleReceipt } from '@tillpoint/testing';
import { randomBytes } from 'node:crypto';
import { NotificationsHarness, principals } from './notifications.harness';

describe('receipts: stored sealed, reprinted as copies within scope', () => {
  let n: NotificationsHarness;
  const pin = '685924991597';
  const receipt = saleReceipt();

  beforeAll(async () => {
    n = await NotificationsHarness.start();
    const event = { receipt: n.sealed(receipt, pin) };
    const id = n.publish(SaleCompleted, event);
    n.publish(SaleCompleted, event, id); // the relay's redelivery: no second effect
    await eventually(async () => (await n.consumed(SaleCompleted.name)) >= 2, {
      what: 'the event and its redelivery handled',
    });
  });
  afterAll(() => n?.stop());

  const reprint = (principal: Principal, format: 'json' | 'slip' | 'pdf', width?: 32 | 48) =>
    n.client.request(ReprintReceipt, { principal, saleId: receipt.saleId, format, width });

  it('stores the receipt once, with the PIN sealed', async () => {
    const rows = await n.rows<{ receipt: string }>('SELECT receipt::text FROM receipts');
    expect(rows).toHaveLength(1);
    expect(rows[0].receipt).toContain(receipt.saleId);
    expect(rows[0].receipt).not.toContain(pin);
  });

  it('gives the selling terminal a copy of the slip at 32 and 48 columns, PIN in full', async () => {
    for (const width of [32, 48] as const) {
      const reply = await reprint(principals.kiberaTerminal, 'slip', width);
      expect(reply.copy).toBe(true);
      expect(reply.slip).toContain('*** COPY ***');
      expect(reply.slip).toContain(pin);
      expect(reply.slip).toContain('Kibera Corner Shop');
      expect(reply.slip).toContain('03 Dec 2026, 23:55:41');
      expect(reply.slip).toMatch(/Balance after +KES 1,199,953\.00/);
      expect(
        Math.max(
          ...reply
            .slip!.trimEnd()
            .split('\n')
            .map((l) => l.length),
        ),
      ).toBeLessThanOrEqual(width);
    }
  });

  it('gives the JSON receipt and a PDF that carries the sale reference', async () => {
    const json = await reprint(principals.kiberaAdmin, 'json');
    expect(json.receipt).toMatchObject({
      saleId: receipt.saleId,
      copy: true,
      pin,
      pinMasked: false,
      amountText: 'KES 50.00',
      balanceAfter: '119995300',
      serial: 'SAF0000001',
      validity: 'until 30 Nov 2027',
      redeemInstructions: 'Dial *141*PIN#',
    });
    const pdf = Buffer.from((await reprint(principals.kiberaTerminal, 'pdf')).pdf!, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Page text is written as hex glyph strings: look for the reference there, not in the metadata.
    expect(pdf.toString('latin1')).toContain(Buffer.from(`Sale ref`).toString('hex'));
    expect(pdf.toString('latin1')).toContain(Buffer.from(receipt.saleId.slice(0, 20)).toString('hex'));
  });

  it('masks the PIN for the admins of the dealers above the seller', async () => {
    const reply = await reprint(principals.distributorAdmin, 'json');
    expect(reply.receipt?.pin).toBe('********1597');
    expect(JSON.stringify(reply)).not.toContain(pin);
  });

  it('answers not found to another terminal, another dealer, an operator and a platform admin', async () => {
    for (const principal of [
      principals.otherKiberaTerminal,
      principals.westlandsAdmin,
      principals.safaricom,
      principals.admin,
    ] as Principal[]) {
      await expect(reprint(principal, 'slip')).rejects.toMatchObject({
        code: NotificationErrors.RECEIPT_NOT_FOUND,
      });
    }
    await expect(
      n.client.request(ReprintReceipt, {
        principal: principals.kiberaTerminal,
        saleId: 'nope',
        format: 'json',
      }),
    ).rejects.toMatchObject({ code: NotificationErrors.RECEIPT_NOT_FOUND });
  });

  it('marks a reversed sale REVERSED, its PIN masked even for the seller', async () => {
    const reversed = { ...receipt, state: 'REVERSED' as const, reversedAt: '2026-12-03T21:01:00.000Z' };
    n.publish(SaleReversed, { receipt: n.sealed(reversed, pin) });
    const reply = await eventually(
      async () => {
        const r: ReceiptReply = await reprint(principals.kiberaTerminal, 'slip', 48);
        return r.slip?.includes('REVERSED') ? r : undefined;
      },
      { what: 'the reversal on the receipt' },
    );
    expect(reply.slip).toContain('*** COPY ***');
    expect(reply.slip).not.toContain(pin);
    // A late completion does not undo the reversal.
    const handled = await n.consumed(SaleCompleted.name);
    n.publish(SaleCompleted, { receipt: n.sealed(receipt, pin) });
    await eventually(async () => (await n.consumed(SaleCompleted.name)) > handled, {
      what: 'the late completion handled',
    });
    expect((await n.rows<{ state: string }>('SELECT state FROM receipts'))[0].state).toBe('REVERSED');
  });

  it('answers PIN_UNREADABLE, not a crash, for a PIN sealed under a key no longer in the ring', async () => {
    const retired = new PinCipher(`old1:${randomBytes(32).toString('base64')}`);
    const orphan = saleReceipt();
    n.publish(SaleCompleted, { receipt: { ...orphan, pin: retired.seal('555566667777') } });
    await eventually(
      async () => (await n.rows('SELECT 1 FROM receipts WHERE sale_id = $1', [orphan.saleId])).length === 1,
    );
    const asked = n.client.request(ReprintReceipt, {
      principal: principals.kiberaTerminal,
      saleId: orphan.saleId,
      format: 'slip',
    });
    await expect(asked).rejects.toMatchObject({ code: NotificationErrors.PIN_UNREADABLE });
    await expect(asked).rejects.not.toThrow(/555566667777/);
  });
});
