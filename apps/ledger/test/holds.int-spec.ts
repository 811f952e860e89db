import {
  CaptureHold,
  CreateHold,
  GetBalance,
  LedgerErrors,
  OpenAccount,
  RunAudit,
  VoidHold,
} from '@tillpoint/contracts';
import { eventually } from '@tillpoint/testing';
import { LedgerHarness, money } from './ledger.harness';

describe('holds on a dealer float', () => {
  let ledger: LedgerHarness;

  beforeAll(async () => {
    ledger = await LedgerHarness.start();
    await ledger.client.request(OpenAccount, { kind: 'payable', owner: 'op-1', currency: 'KES' });
  });
  afterAll(() => ledger?.stop());

  const float = (amount: bigint) => ledger.openFloat(amount);
  const balance = async (account: string) => money(await ledger.client.request(GetBalance, { account }));

  it('lets exactly as many of 200 simultaneous holds through as the float covers, and never overdraws', async () => {
    const account = await float(70_000n);
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        ledger.client.request(
          CreateHold,
          { holdId: `race-${i}`, account, amount: 1_000n },
          { timeoutMs: 30_000 },
        ),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(70);
    expect(new Set(refused.map((r) => (r.reason as { code: string }).code))).toEqual(
      new Set([LedgerErrors.INSUFFICIENT_FUNDS]),
    );
    expect(await balance(account)).toEqual({ posted: 70_000n, held: 70_000n, available: 0n });
    expect((await ledger.client.request(RunAudit, {})).breaches).toEqual([]);
  });

  it('captures a hold as one balanced transfer and releases the rest of it', async () => {
    const account = await float(10_000n);
    await ledger.client.request(CreateHold, { holdId: 'cap-1', account, amount: 1_000n });
    const captured = await ledger.client.request(CaptureHold, {
      holdId: 'cap-1',
      transferId: 'sale-1',
      legs: [
        { account, amount: -950n },
        { account: 'payable:op-1:KES', amount: 1_000n },
        { account: 'commission:KES', amount: -50n },
      ],
    });
    expect(captured.status).toBe('captured');
    expect(captured.transfer?.legs).toHaveLength(3);
    expect(await balance(account)).toEqual({ posted: 9_050n, held: 0n, available: 9_050n });
    // Captured twice with the same transfer: the same answer, no second debit.
    const again = await ledger.client.request(CaptureHold, {
      holdId: 'cap-1',
      transferId: 'sale-1',
      legs: [
        { account, amount: -950n },
        { account: 'payable:op-1:KES', amount: 1_000n },
        { account: 'commission:KES', amount: -50n },
      ],
    });
    expect(again.transfer?.transferId).toBe('sale-1');
    expect(again.transfer?.at).toBe(captured.transfer?.at); // the stored time, answered both times
    expect((await balance(account)).posted).toBe(9_050n);
  });

  it('refuses a capture that takes more than was held, or that does not balance', async () => {
    const account = await float(10_000n);
    await ledger.client.request(CreateHold, { holdId: 'cap-2', account, amount: 500n });
    await expect(
      ledger.client.request(CaptureHold, {
        holdId: 'cap-2',
        transferId: 'sale-2',
        legs: [
          { account, amount: -600n },
          { account: 'payable:op-1:KES', amount: 600n },
        ],
      }),
    ).rejects.toMatchObject({ code: LedgerErrors.CAPTURE_EXCEEDS_HOLD });
    await expect(
      ledger.client.request(CaptureHold, {
        holdId: 'cap-2',
        transferId: 'sale-2',
        legs: [
          { account, amount: -500n },
          { account: 'payable:op-1:KES', amount: 499n },
        ],
      }),
    ).rejects.toMatchObject({ code: LedgerErrors.UNBALANCED });
    expect(await balance(account)).toEqual({ posted: 10_000n, held: 500n, available: 9_500n });
  });

  it('voids a hold once, and refuses to capture it afterwards', async () => {
    const account = await float(10_000n);
    await ledger.client.request(CreateHold, { holdId: 'void-1', account, amount: 2_000n });
    expect((await ledger.client.request(VoidHold, { holdId: 'void-1' })).status).toBe('voided');
    expect((await ledger.client.request(VoidHold, { holdId: 'void-1' })).status).toBe('voided');
    expect(await balance(account)).toEqual({ posted: 10_000n, held: 0n, available: 10_000n });
    await expect(
      ledger.client.request(CaptureHold, {
        holdId: 'void-1',
        transferId: 'sale-void',
        legs: [
          { account, amount: -2_000n },
          { account: 'payable:op-1:KES', amount: 2_000n },
        ],
      }),
    ).rejects.toMatchObject({ code: LedgerErrors.HOLD_NOT_OPEN });
  });

  it('expires an open hold past its deadline by itself, giving the money back', async () => {
    const account = await float(10_000n);
    await ledger.client.request(CreateHold, { holdId: 'exp-1', account, amount: 3_000n, ttlMs: 1_000 });
    expect((await balance(account)).available).toBe(7_000n);
    await eventually(async () => (await balance(account)).available === 10_000n, { timeoutMs: 10_000 });
    const [hold] = await ledger.rows<{ status: string }>('SELECT status FROM ledger.holds WHERE id = $1', [
      'exp-1',
    ]);
    expect(hold.status).toBe('expired');
  });

  it('gives redelivered hold, capture and void commands no second effect', async () => {
    const account = await float(10_000n);
    const legs = [
      { account, amount: -1_000n },
      { account: 'payable:op-1:KES', amount: 1_000n },
    ];
    for (let i = 0; i < 2; i++) {
      await ledger.client.request(
        CreateHold,
        { holdId: 'redo-1', account, amount: 1_000n },
        { messageId: 'm-hold' },
      );
      await ledger.client.request(
        CaptureHold,
        { holdId: 'redo-1', transferId: 'redo-t', legs },
        { messageId: 'm-cap' },
      );
      await ledger.client.request(
        CreateHold,
        { holdId: 'redo-2', account, amount: 500n },
        { messageId: 'm-hold-2' },
      );
      await ledger.client.request(VoidHold, { holdId: 'redo-2' }, { messageId: 'm-void' });
    }
    expect(await balance(account)).toEqual({ posted: 9_000n, held: 0n, available: 9_000n });
    const entries = await ledger.rows(`SELECT * FROM ledger.entries WHERE transfer_id = 'redo-t'`);
    expect(entries).toHaveLength(2);
  });

  it('answers a repeated hold id with the first hold, and refuses it for another amount', async () => {
    const account = await float(10_000n);
    const first = await ledger.client.request(CreateHold, { holdId: 'same', account, amount: 1_000n });
    const again = await ledger.client.request(CreateHold, { holdId: 'same', account, amount: 1_000n });
    expect(again.holdId).toBe(first.holdId);
    expect((await balance(account)).held).toBe(1_000n);
    await expect(
      ledger.client.request(CreateHold, { holdId: 'same', account, amount: 2_000n }),
    ).rejects.toMatchObject({
      code: LedgerErrors.IDEMPOTENCY_CONFLICT,
    });
  });
});
