import {
  CaptureHold,
  ConfigureAccount,
  CreateHold,
  FloatLow,
  GetBalance,
  GetStatement,
  LedgerErrors,
  MAX_MINOR_UNITS,
  OpenAccount,
  PostTransfer,
  RunAudit,
  TopUpFloat,
} from '@tillpoint/contracts';
import { Headers } from '@tillpoint/messaging';
import { BrokerTap } from '@tillpoint/testing';
import { Client } from 'pg';
import { LedgerHarness, money } from './ledger.harness';

// The edges a reviewer found: ids reused across holds, retries with other content, rounding JSON,
// hot rows, guards near the bigint limit.
describe('ledger edges', () => {
  let ledger: LedgerHarness;
  let tap: BrokerTap;

  beforeAll(async () => {
    ledger = await LedgerHarness.start();
    tap = await BrokerTap.open();
    await ledger.client.request(OpenAccount, { kind: 'payable', owner: 'op', currency: 'KES' });
  });
  afterAll(async () => {
    await tap?.close();
    await ledger?.stop();
  });

  const float = (amount: bigint, creditLimit?: bigint) => ledger.openFloat(amount, creditLimit);
  const balance = async (account: string) => money(await ledger.client.request(GetBalance, { account }));
  const sale = (account: string, amount: bigint) => [
    { account, amount: -amount },
    { account: 'payable:op:KES', amount },
  ];

  it('refuses to capture a second hold on a transfer id another capture already used', async () => {
    const account = await float(10_000n);
    await ledger.client.request(CreateHold, { holdId: 'h-a', account, amount: 1_000n });
    await ledger.client.request(CreateHold, { holdId: 'h-b', account, amount: 1_000n });
    await ledger.client.request(CaptureHold, {
      holdId: 'h-a',
      transferId: 'shared-t',
      legs: sale(account, 1_000n),
    });
    await expect(
      ledger.client.request(CaptureHold, {
        holdId: 'h-b',
        transferId: 'shared-t',
        legs: sale(account, 1_000n),
      }),
    ).rejects.toMatchObject({ code: LedgerErrors.IDEMPOTENCY_CONFLICT });
    expect(await balance(account)).toEqual({ posted: 9_000n, held: 1_000n, available: 8_000n });
  });

  it('refuses a retried capture whose legs differ from the first', async () => {
    const account = await float(10_000n);
    await ledger.client.request(CreateHold, { holdId: 'h-c', account, amount: 1_000n });
    await ledger.client.request(CaptureHold, {
      holdId: 'h-c',
      transferId: 'cap-c',
      legs: sale(account, 1_000n),
    });
    await expect(
      ledger.client.request(CaptureHold, { holdId: 'h-c', transferId: 'cap-c', legs: sale(account, 400n) }),
    ).rejects.toMatchObject({ code: LedgerErrors.IDEMPOTENCY_CONFLICT });
    expect((await balance(account)).posted).toBe(9_000n);
  });

  it('answers a resent top-up once, with one audit record, and refuses it from another admin', async () => {
    const account = await float(0n);
    const topUp = { transferId: 'tu-1', account, amount: 500n, actor: 'admin-1', reason: 'first' };
    await ledger.client.request(TopUpFloat, topUp);
    await ledger.client.request(TopUpFloat, topUp);
    await expect(
      ledger.client.request(TopUpFloat, { ...topUp, actor: 'mallory', reason: 'other' }),
    ).rejects.toMatchObject({
      code: LedgerErrors.IDEMPOTENCY_CONFLICT,
    });
    expect((await balance(account)).posted).toBe(500n);
    expect(await ledger.rows(`SELECT actor FROM ledger.audit_log WHERE subject = $1`, [account])).toEqual([
      { actor: 'admin-1' },
    ]);
  });

  it('refuses a JSON amount that parsing would round, instead of rounding it', async () => {
    const account = await float(0n);
    const body = `{"transferId":"round-1","account":"${account}","amount":1.0000000000000001,"actor":"a","reason":"rounding"}`;
    tap.sendRaw(`${ledger.namespace}.ledger`, body, { type: TopUpFloat.name });
    const [dead] = await tap.take(`${ledger.namespace}.ledger.dlq`);
    expect(String(dead.properties.headers?.[Headers.deadReason])).toMatch(
      /1.0000000000000001 is not a whole number/,
    );
    expect((await balance(account)).posted).toBe(0n);
  });

  it('captures while another transaction holds the commission and payable rows', async () => {
    const account = await float(10_000n);
    await ledger.client.request(CreateHold, { holdId: 'h-hot', account, amount: 1_000n });
    const blocker = new Client({ connectionString: ledger.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      // What another writer of those rows takes (an UPDATE of a non-key column). A sale's entries only
      // need their key to stay put, so nothing of ours may wait on this.
      await blocker.query(
        `SELECT 1 FROM ledger.accounts WHERE code IN ('commission:KES', 'payable:op:KES') FOR NO KEY UPDATE`,
      );
      const captured = await ledger.client.request(
        CaptureHold,
        {
          holdId: 'h-hot',
          transferId: 'cap-hot',
          legs: [
            { account, amount: -950n },
            { account: 'payable:op:KES', amount: 1_000n },
            { account: 'commission:KES', amount: -50n },
          ],
        },
        { timeoutMs: 3_000 },
      );
      expect(captured.status).toBe('captured');
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
  });

  it('refuses to lower a credit limit below what the float already uses', async () => {
    const account = await float(0n, 5_000n);
    await ledger.client.request(CreateHold, { holdId: 'h-limit', account, amount: 4_000n });
    await expect(
      ledger.client.request(ConfigureAccount, { account, creditLimit: 1_000n, actor: 'admin' }),
    ).rejects.toMatchObject({ code: LedgerErrors.INSUFFICIENT_FUNDS });
    expect((await ledger.client.request(GetBalance, { account })).creditLimit).toBe('5000');
  });

  it('answers a statement page after the last possible entry id with an empty page', async () => {
    const account = await float(100n);
    const page = await ledger.client.request(GetStatement, { account, after: '9999999999999999999' });
    expect(page).toMatchObject({ lines: [], next: null });
  });

  it('tells the dealer when a free-form transfer takes its float below the threshold', async () => {
    const account = await float(10_000n);
    await ledger.client.request(ConfigureAccount, { account, lowFloatThreshold: 5_000n, actor: 'dealer' });
    const events = await tap.listen(ledger.namespace, FloatLow.name);
    await ledger.client.request(PostTransfer, { transferId: 'free-low', legs: sale(account, 8_000n) });
    const [low] = await tap.take(events);
    expect(JSON.parse(low.content.toString())).toMatchObject({
      account,
      available: '2000',
      threshold: '5000',
    });
  });

  it('keeps its guards exact next to the bigint limit', async () => {
    const account = await float(0n, MAX_MINOR_UNITS);
    await ledger.client.request(TopUpFloat, {
      transferId: 'max-1',
      account,
      amount: 1n,
      actor: 'a',
      reason: 'near max',
    });
    expect((await balance(account)).posted).toBe(1n);
    await ledger.client.request(CreateHold, { holdId: 'h-max-1', account, amount: MAX_MINOR_UNITS });
    await expect(
      ledger.client.request(CreateHold, { holdId: 'h-max-2', account, amount: 2n }),
    ).rejects.toMatchObject({
      code: LedgerErrors.INSUFFICIENT_FUNDS,
    });
  });

  it('takes eight simultaneous creates of one hold id as one hold, with nothing dead-lettered', async () => {
    const account = await float(10_000n);
    const views = await Promise.all(
      Array.from({ length: 8 }, () =>
        ledger.client.request(CreateHold, { holdId: 'h-same', account, amount: 700n }),
      ),
    );
    expect(new Set(views.map((v) => v.holdId))).toEqual(new Set(['h-same']));
    expect((await balance(account)).held).toBe(700n);
    expect(await tap.messageCount(`${ledger.namespace}.ledger.dlq`)).toBe(0);
  });

  it('finds no breach after all of it', async () => {
    expect((await ledger.client.request(RunAudit, {})).breaches).toEqual([]);
  });
});
