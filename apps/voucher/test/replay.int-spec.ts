import {
  ConfirmSale,
  CreateSale,
  GetBalance,
  ReverseSale,
  VoucherErrors,
  type Principal,
  type SaleView,
  type SellerContext,
} from '@tillpoint/contracts';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA, VoucherHarness } from './voucher.harness';

interface Dealer {
  id: string;
  name: string;
  parent: string | null;
  currency: string;
  timeZone: string;
  initialFloat: number;
  terminals: Array<{ id: string }>;
}

interface Line {
  terminal: string;
  cashier: string;
  type: 'sale' | 'confirm' | 'reverse';
  clientRef: string;
  sku?: string;
  account?: string;
  amount?: number;
  note?: string;
}

const dealers = (JSON.parse(readFileSync(path.join(DATA, 'dealers.json'), 'utf8')) as { dealers: Dealer[] })
  .dealers;
const lines = readFileSync(path.join(DATA, 'traffic', 'day-1.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((text) => JSON.parse(text) as Line);

function sessionOf(line: Line): { principal: Principal; seller: SellerContext } {
  const dealer = dealers.find((d) => d.terminals.some((t) => t.id === line.terminal))!;
  const dealerPath = [dealer.id];
  for (let up = dealer.parent; up; up = dealers.find((d) => d.id === up)!.parent) dealerPath.unshift(up);
  return {
    principal: {
      role: 'terminal',
      subject: line.cashier,
      dealerId: dealer.id,
      dealerPath,
      terminalId: line.terminal,
    },
    seller: {
      dealerId: dealer.id,
      dealerPath,
      dealerName: dealer.name,
      currency: dealer.currency,
      timeZone: dealer.timeZone,
      terminalId: line.terminal,
      cashierId: line.cashier,
    },
  };
}

// The day of ../shared/data/traffic replayed in file order, one line at a time, by the rules of
// ../shared/data/README.md. The simulator's 15 s for accounts ending in 998 is set to 0: it changes no figure.
describe('a replay of day 1', () => {
  let voucher: VoucherHarness;

  beforeAll(async () => {
    voucher = await VoucherHarness.start({ ledgerPort: 3405, env: { VOUCHER_SIMULATOR_SLOW_MS: '0' } });
    for (const file of readdirSync(path.join(DATA, 'stock'))) {
      const sku = file.endsWith('.csv') ? file.replace(/-b\d+\.csv$/, '').toUpperCase() : undefined;
      expect((await voucher.upload({ file: path.join(DATA, 'stock', file) }, sku)).status).toBe(201);
    }
    for (const dealer of dealers) {
      if (dealer.initialFloat > 0)
        await voucher.openFloat(dealer.id, dealer.currency, BigInt(dealer.initialFloat));
    }
  });
  afterAll(() => voucher?.stop());

  const send = async (line: Line): Promise<SaleView | string> => {
    const session = sessionOf(line);
    const answer =
      line.type === 'sale'
        ? voucher.client.request(
            CreateSale,
            {
              ...session,
              clientRef: line.clientRef,
              sku: line.sku!,
              account: line.account!,
              amount: line.amount,
            },
            { timeoutMs: 20_000 },
          )
        : voucher.client.request(line.type === 'confirm' ? ConfirmSale : ReverseSale, {
            principal: session.principal,
            clientRef: line.clientRef,
          });
    return answer.catch((error: { code: string }) => error.code);
  };

  /** Replays one currency's lines in file order; returns the first answer of each (terminal, client reference). */
  const replay = async (mine: Line[], figures: Record<string, number>) => {
    const firstSale = new Map<string, SaleView | string>();
    for (const line of mine) {
      const answer = await send(line);
      const key = `${line.terminal}/${line.clientRef}`;
      const outcome =
        typeof answer === 'string' ? answer : [answer.state, answer.failureCode].filter(Boolean).join(' ');
      const figure = `${line.type}${line.note ? ` (${line.note})` : ''}: ${outcome}`;
      figures[figure] = (figures[figure] ?? 0) + 1;
      if (line.type !== 'sale') continue;
      const first = firstSale.get(key);
      if (line.note === 'retry' && typeof first === 'object') {
        expect(typeof answer === 'object' && answer.saleId).toBe(first.saleId);
      }
      if (line.note === 'ref-reuse' && typeof first === 'object')
        expect(answer).toBe(VoucherErrors.IDEMPOTENCY_CONFLICT);
      if (!firstSale.has(key) || typeof first === 'string') firstSale.set(key, answer);
    }
    return [...firstSale.values()];
  };

  it('follows the rules of the day: refusals unrecorded, repeats answered, conflicts refused, floats exact', async () => {
    // Currencies share no float and no stock, so replaying each currency's lines in file order, the currencies
    // side by side, gives the figures of the whole file in order, in a fraction of the time.
    const byCurrency = new Map<string, Line[]>();
    for (const line of lines) {
      const currency = sessionOf(line).seller.currency;
      byCurrency.set(currency, [...(byCurrency.get(currency) ?? []), line]);
    }
    const figures: Record<string, number> = {};
    const firsts = (await Promise.all([...byCurrency.values()].map((mine) => replay(mine, figures)))).flat();
    process.stdout.write(
      `replay of day 1:\n${JSON.stringify(Object.fromEntries(Object.entries(figures).sort()), null, 1)}\n`,
    );

    const recorded = firsts.filter((a) => typeof a === 'object').length;
    const [{ count }] = await voucher.rows<{ count: number }>(
      'SELECT count(*)::int AS count FROM voucher.sales',
    );
    expect(count).toBe(recorded);
    expect(await voucher.rows(`SELECT 1 FROM ledger.holds WHERE status = 'open'`)).toEqual([]);
    expect(await voucher.rows(`SELECT 1 FROM voucher.sales WHERE state = 'PENDING'`)).toEqual([]);
    for (const dealer of dealers.filter((d) => d.initialFloat > 0)) {
      const [{ spent }] = await voucher.rows<{ spent: string }>(
        `SELECT coalesce(sum(cost), 0)::text AS spent FROM voucher.sales
          WHERE dealer_id = $1 AND state IN ('COMPLETED', 'CONFIRMED')`,
        [dealer.id],
      );
      const { available } = await voucher.client.request(GetBalance, { account: `float:${dealer.id}` });
      expect([dealer.id, BigInt(available)]).toEqual([
        dealer.id,
        BigInt(dealer.initialFloat) - BigInt(spent),
      ]);
    }
    const [pins] = await voucher.rows<{ sold: number; quarantined: number; sales: number; reversed: number }>(
      `SELECT (SELECT count(*)::int FROM voucher.pins WHERE status = 'sold') AS sold,
              (SELECT count(*)::int FROM voucher.pins WHERE status = 'quarantined') AS quarantined,
              (SELECT count(*)::int FROM voucher.sales WHERE kind = 'pin' AND state IN ('COMPLETED', 'CONFIRMED')) AS sales,
              (SELECT count(*)::int FROM voucher.sales WHERE kind = 'pin' AND state = 'REVERSED') AS reversed`,
    );
    expect([pins.sold, pins.quarantined]).toEqual([pins.sales, pins.reversed]);
  }, 1_200_000);
});
