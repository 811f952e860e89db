import {
  GetBalance,
  LedgerErrors,
  OpenAccount,
  MessagingErrors,
  PostTransfer,
  PostTransfers,
  RunAudit,
  type TransferView,
} from '@tillpoint/contracts';
import { LedgerHarness, money } from './ledger.harness';

/** PIN sales post one transfer each; concurrent ones share transactions (TransfersService's batches). */
describe('transfers posted in batches', () => {
  let ledger: LedgerHarness;

  beforeAll(async () => {
    ledger = await LedgerHarness.start();
    await ledger.client.request(OpenAccount, { kind: 'payable', owner: 'op-1', currency: 'KES' });
    await ledger.client.request(OpenAccount, { kind: 'commission', currency: 'KES' });
  });
  afterAll(() => ledger?.stop());

  const float = (amount: bigint) => ledger.openFloat(amount);
  const sale = (transferId: string, account: string, cost = 950n) => ({
    transferId,
    kind: 'sale' as const,
    legs: [
      { account, amount: -cost },
      { account: 'payable:op-1:KES', amount: 1_000n },
      { account: 'commission:KES', amount: cost - 1_000n },
    ],
  });
  const post = (request: ReturnType<typeof sale>) =>
    ledger.client.request(PostTransfer, request, { timeoutMs: 30_000 });
  const codeOf = (r: PromiseSettledResult<unknown>) =>
    r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok';

  it('posts exactly as many of 300 simultaneous sales as two floats cover, each float to zero', async () => {
    const a = await float(95_000n);
    const b = await float(47_500n);
    const results = await Promise.allSettled(
      Array.from({ length: 300 }, (_, i) => post(sale(`s-${i}`, i % 2 ? a : b))),
    );
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(150);
    expect(new Set(codes.filter((c) => c !== 'ok'))).toEqual(new Set([LedgerErrors.INSUFFICIENT_FUNDS]));
    expect(money(await ledger.client.request(GetBalance, { account: a }))).toMatchObject({
      posted: 0n,
      available: 0n,
    });
    expect(money(await ledger.client.request(GetBalance, { account: b }))).toMatchObject({
      posted: 0n,
    });
    // Each answer carries the float's balance right after its own debit: all different, none negative.
    const after = results
      .filter((r): r is PromiseFulfilledResult<TransferView> => r.status === 'fulfilled')
      .map((r): [string, string] => Object.entries(r.value.available ?? {})[0]);
    expect(new Set(after.map(([code, value]) => `${code}=${value}`)).size).toBe(150);
    expect(after.every(([, value]) => BigInt(value) >= 0n)).toBe(true);
    expect((await ledger.client.request(RunAudit, {})).breaches).toEqual([]);
  });

  it('answers the same sale sent 20 times at once with one debit, and another body as a conflict', async () => {
    const account = await float(10_000n);
    const results = await Promise.allSettled([
      ...Array.from({ length: 20 }, () => post(sale('dup-1', account))),
      post(sale('dup-1', account, 900n)),
    ]);
    const codes = results.map(codeOf);
    expect(codes.slice(0, 20)).toEqual(Array(20).fill('ok'));
    expect(codes[20]).toBe(LedgerErrors.IDEMPOTENCY_CONFLICT);
    const ids = results
      .slice(0, 20)
      .map((r) => (r as PromiseFulfilledResult<{ transferId: string; kind: string }>).value);
    expect(new Set(ids.map((v) => `${v.transferId}/${v.kind}`))).toEqual(new Set(['dup-1/sale']));
    expect(money(await ledger.client.request(GetBalance, { account })).posted).toBe(9_050n);
  });

  it('refuses an unbalanced or unknown-account transfer alone, posting the rest of its batch', async () => {
    const account = await float(10_000n);
    const unbalanced = { ...sale('bad-1', account), legs: sale('bad-1', account).legs.slice(0, 2) };
    const unknown = sale('bad-2', 'float:nobody');
    const results = await Promise.allSettled([
      post(sale('good-1', account)),
      post(unbalanced),
      post(unknown),
      post(sale('good-2', account)),
    ]);
    expect(results.map(codeOf)).toEqual([
      'ok',
      LedgerErrors.UNBALANCED,
      LedgerErrors.ACCOUNT_NOT_FOUND,
      'ok',
    ]);
    expect(money(await ledger.client.request(GetBalance, { account })).posted).toBe(8_100n);
    expect((await ledger.client.request(RunAudit, {})).breaches).toEqual([]);
  });

  describe('several in one message (PostTransfers)', () => {
    const postMany = (transfers: Array<ReturnType<typeof sale>>) =>
      ledger.client.request(PostTransfers, { transfers }, { timeoutMs: 30_000 });
    const outcome = (r: { transfer: TransferView } | { error: { code: string } }) =>
      'transfer' in r
        ? `${r.transfer.transferId}:${Object.values(r.transfer.available ?? {})[0]}`
        : r.error.code;

    it('answers each transfer in order, a refusal as its own, and posts the rest', async () => {
      const account = await float(2_000n);
      const { results } = await postMany([
        sale('many-1', account),
        sale('many-2', 'float:nobody'),
        sale('many-3', account),
        sale('many-4', account), // nothing left for it
      ]);
      expect(results.map(outcome)).toEqual([
        'many-1:1050',
        LedgerErrors.ACCOUNT_NOT_FOUND,
        'many-3:100',
        LedgerErrors.INSUFFICIENT_FUNDS,
      ]);
      expect(money(await ledger.client.request(GetBalance, { account })).posted).toBe(100n);
      expect((await ledger.client.request(RunAudit, {})).breaches).toEqual([]);
    });

    it('finds the transfers of a message sent again, and of one sent alone before, without posting them twice', async () => {
      const account = await float(5_000n);
      await post(sale('again-1', account));
      const first = await postMany([sale('again-1', account), sale('again-2', account)]);
      const second = await postMany([sale('again-1', account), sale('again-2', account)]);
      expect(first.results.map((r) => 'transfer' in r && r.transfer.transferId)).toEqual([
        'again-1',
        'again-2',
      ]);
      expect(second.results.map((r) => 'transfer' in r && r.transfer.transferId)).toEqual([
        'again-1',
        'again-2',
      ]);
      // A repeat answers the time the first answer gave: the one the transfer is stored with.
      expect(second.results.map((r) => 'transfer' in r && r.transfer.at)).toEqual(
        first.results.map((r) => 'transfer' in r && r.transfer.at),
      );
      expect(money(await ledger.client.request(GetBalance, { account })).posted).toBe(3_100n);
    });

    it('refuses a message with a malformed transfer whole, posting none of it', async () => {
      const account = await float(5_000n);
      const malformed = { ...sale('mal-2', account), transferId: 'bad id with spaces' };
      await expect(postMany([sale('mal-1', account), malformed])).rejects.toMatchObject({
        code: MessagingErrors.INVALID,
      });
      await expect(postMany([])).rejects.toMatchObject({ code: MessagingErrors.INVALID });
      expect(money(await ledger.client.request(GetBalance, { account })).posted).toBe(5_000n);
    });
  });
});
