import {
  CorrectFloat,
  formatMajor,
  GetBalance,
  GetStatement,
  LedgerErrors,
  MessagingErrors,
  OpenAccount,
  PostTransfer,
  RunAudit,
  TopUpFloat,
  ConfigureAccount,
  CreateHold,
  FloatCredited,
  FloatLow,
  MAX_MINOR_UNITS,
} from '@tillpoint/contracts';
import { BrokerTap } from '@tillpoint/testing';
import { LedgerHarness, money } from './ledger.harness';

describe('the journal, floats and statements', () => {
  let ledger: LedgerHarness;
  let tap: BrokerTap;

  beforeAll(async () => {
    ledger = await LedgerHarness.start();
    tap = await BrokerTap.open();
    for (const [owner, currency] of [
      ['kes-shop', 'KES'],
      ['jp-shop', 'JPY'],
      ['kw-shop', 'KWD'],
    ]) {
      await ledger.client.request(OpenAccount, { kind: 'float', owner, currency });
    }
    await ledger.client.request(OpenAccount, { kind: 'payable', owner: 'op', currency: 'KES' });
  });
  afterAll(async () => {
    await tap?.close();
    await ledger?.stop();
  });

  const topUp = (account: string, amount: bigint | string | number, transferId: string) =>
    ledger.client.request(TopUpFloat, {
      transferId,
      account,
      amount: amount as bigint,
      actor: 'admin-1',
      reason: 'test',
    });
  const balance = async (account: string) => money(await ledger.client.request(GetBalance, { account }));

  it('posts a balanced transfer once per id, and refuses one that does not balance or reuses an id', async () => {
    await topUp('float:kes-shop', 10_000n, 'kes-open');
    const legs = [
      { account: 'float:kes-shop', amount: -1_000n },
      { account: 'payable:op:KES', amount: 1_000n },
    ];
    const first = await ledger.client.request(PostTransfer, { transferId: 't-1', legs });
    const again = await ledger.client.request(PostTransfer, { transferId: 't-1', legs });
    expect(again.legs).toEqual(first.legs);
    expect((await balance('float:kes-shop')).posted).toBe(9_000n);
    expect((await ledger.client.request(GetBalance, { account: 'payable:op:KES' })).posted).toBe('1000');

    await expect(
      ledger.client.request(PostTransfer, {
        transferId: 't-1',
        legs: [legs[0], { ...legs[1], amount: 999n }],
      }),
    ).rejects.toMatchObject({ code: LedgerErrors.IDEMPOTENCY_CONFLICT });
    await expect(
      ledger.client.request(PostTransfer, {
        transferId: 't-2',
        legs: [
          { account: 'float:kes-shop', amount: -1_000n },
          { account: 'payable:op:KES', amount: 999n },
        ],
      }),
    ).rejects.toMatchObject({ code: LedgerErrors.UNBALANCED });
    await expect(
      ledger.client.request(PostTransfer, {
        transferId: 't-3',
        legs: [
          { account: 'float:kes-shop', amount: -100n },
          { account: 'float:jp-shop', amount: 100n },
        ],
      }),
    ).rejects.toMatchObject({ code: LedgerErrors.UNBALANCED });
    expect((await balance('float:kes-shop')).posted).toBe(9_000n);
  });

  it('gives a redelivered command no second effect', async () => {
    const messageId = 'topup-delivered-twice';
    const request = {
      transferId: 'dup-1',
      account: 'float:kes-shop',
      amount: 500n,
      actor: 'a',
      reason: 'dup test',
    };
    const before = await balance('float:kes-shop');
    await ledger.client.request(TopUpFloat, request, { messageId });
    await ledger.client.request(TopUpFloat, request, { messageId });
    expect((await balance('float:kes-shop')).posted).toBe(before.posted + 500n);
    const audits = await ledger.rows(`SELECT * FROM ledger.audit_log WHERE details->>'transferId' = 'dup-1'`);
    expect(audits).toHaveLength(1);
  });

  it('keeps JPY (0 decimals) and KWD (3 decimals) in their own minor units', async () => {
    await topUp('float:jp-shop', 3000n, 'jp-open');
    await topUp('float:kw-shop', '12345', 'kw-open');
    const jp = await ledger.client.request(GetBalance, { account: 'float:jp-shop' });
    const kw = await ledger.client.request(GetBalance, { account: 'float:kw-shop' });
    expect([jp.currency, jp.posted, formatMajor(BigInt(jp.posted), jp.currency)]).toEqual([
      'JPY',
      '3000',
      '3000',
    ]);
    expect([kw.currency, kw.posted, formatMajor(BigInt(kw.posted), kw.currency)]).toEqual([
      'KWD',
      '12345',
      '12.345',
    ]);
  });

  it('round-trips a balance beyond 2^53 exactly, and refuses one beyond the bigint column', async () => {
    await ledger.client.request(OpenAccount, { kind: 'float', owner: 'big-shop', currency: 'KES' });
    const huge = 2n ** 60n + 1n;
    await topUp('float:big-shop', huge.toString(), 'big-1');
    expect((await balance('float:big-shop')).posted).toBe(huge);
    // A valid amount on its own, but the balance it would make is one past the column's maximum.
    await expect(
      topUp('float:big-shop', (MAX_MINOR_UNITS - huge + 1n).toString(), 'big-2'),
    ).rejects.toMatchObject({
      code: LedgerErrors.AMOUNT_OUT_OF_RANGE,
    });
    expect((await balance('float:big-shop')).posted).toBe(huge);
  });

  it.each([
    ['a fraction of a minor unit', '1.5'],
    ['a JSON fraction', 1.5],
    ['a negative top-up', '-5'],
    ['an amount beyond the bigint column', (2n ** 63n).toString()],
    ['an unsafe JSON number', 2 ** 60],
  ])('refuses %s without changing anything', async (_why, amount) => {
    const before = await balance('float:kes-shop');
    await expect(topUp('float:kes-shop', amount as never, `bad-${String(amount)}`)).rejects.toMatchObject({
      code: MessagingErrors.INVALID,
    });
    expect(await balance('float:kes-shop')).toEqual(before);
  });

  it('takes money back by correction, never below the float limit, recording who and why', async () => {
    await ledger.client.request(OpenAccount, { kind: 'float', owner: 'fix-shop', currency: 'KES' });
    await topUp('float:fix-shop', 1_000n, 'fix-open');
    const correct = (transferId: string, amount: bigint) =>
      ledger.client.request(CorrectFloat, {
        transferId,
        account: 'float:fix-shop',
        amount,
        actor: 'admin-7',
        reason: 'typo',
      });
    await correct('fix-1', -400n);
    await expect(correct('fix-2', -700n)).rejects.toMatchObject({ code: LedgerErrors.INSUFFICIENT_FUNDS });
    expect((await balance('float:fix-shop')).posted).toBe(600n);
    const audit = await ledger.rows<{ actor: string; action: string }>(
      `SELECT actor, action FROM ledger.audit_log WHERE subject = 'float:fix-shop' ORDER BY id`,
    );
    expect(audit).toEqual([
      { actor: 'admin-1', action: 'float.topup' },
      { actor: 'admin-7', action: 'float.correction' },
    ]);
  });

  it('publishes float.credited on a top-up and float.low once when the float crosses its threshold', async () => {
    await ledger.client.request(OpenAccount, { kind: 'float', owner: 'low-shop', currency: 'KES' });
    const events = await tap.listen(ledger.namespace, FloatCredited.name, FloatLow.name);
    await topUp('float:low-shop', 10_000n, 'low-open');
    await ledger.client.request(ConfigureAccount, {
      account: 'float:low-shop',
      lowFloatThreshold: 5_000n,
      actor: 'dealer',
    });
    await ledger.client.request(CreateHold, { holdId: 'low-1', account: 'float:low-shop', amount: 4_000n });
    await ledger.client.request(CreateHold, { holdId: 'low-2', account: 'float:low-shop', amount: 2_000n });
    await ledger.client.request(CreateHold, { holdId: 'low-3', account: 'float:low-shop', amount: 1_000n });
    const got = await tap.take(events, 2);
    expect(got.map((m) => m.properties.type as string)).toEqual([
      'ledger.float.credited.v1',
      'ledger.float.low.v1',
    ]);
    expect(JSON.parse(got[1].content.toString())).toMatchObject({
      account: 'float:low-shop',
      dealer: 'low-shop',
      available: '4000',
      threshold: '5000',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await tap.messageCount(events)).toBe(0);
  });

  it('pages a statement with the running balance after each entry', async () => {
    await ledger.client.request(OpenAccount, { kind: 'float', owner: 'stmt-shop', currency: 'KES' });
    for (let i = 1; i <= 5; i++) await topUp('float:stmt-shop', BigInt(i * 100), `stmt-${i}`);
    const first = await ledger.client.request(GetStatement, { account: 'float:stmt-shop', limit: 3 });
    expect(first.lines.map((l) => [l.amount, l.balanceAfter])).toEqual([
      ['100', '100'],
      ['200', '300'],
      ['300', '600'],
    ]);
    const second = await ledger.client.request(GetStatement, {
      account: 'float:stmt-shop',
      limit: 3,
      after: first.next!,
    });
    expect(second.lines.map((l) => [l.amount, l.balanceAfter])).toEqual([
      ['400', '1000'],
      ['500', '1500'],
    ]);
    expect(second.next).toBeNull();
  });

  it('finds no breach of the ledger invariants after all of it', async () => {
    const report = await ledger.client.request(RunAudit, {});
    expect(report.breaches).toEqual([]);
    expect(report.transfers).toBeGreaterThan(10);
  });
});
