import type { Invariant } from './check';
import { verdict } from './check';
import type { Snapshots } from './snapshot';

interface SaleRow {
  id: string;
  state: string;
  kind: string;
  dealer_id: string;
  cost: string;
  pin_id: string | null;
  updated_at: Date;
}

/** 3. A PIN is sold at most once; every sold PIN belongs to exactly one COMPLETED or CONFIRMED sale. */
export const pinsSoldOnce: Invariant = {
  id: 3,
  name: 'a PIN is sold at most once, to exactly one COMPLETED or CONFIRMED sale',
  async check(db) {
    const soldTwice = await db.rows<{ pin_id: string; n: string }>(
      'voucher',
      `SELECT pin_id::text, count(*)::text AS n FROM sales
        WHERE pin_id IS NOT NULL AND state IN ('COMPLETED', 'CONFIRMED') GROUP BY pin_id HAVING count(*) > 1`,
    );
    const orphans = await db.rows<{ id: string; state: string | null }>(
      'voucher',
      `SELECT p.id::text, s.state FROM pins p LEFT JOIN sales s ON s.id = p.sale_id
        WHERE p.status = 'sold' AND (s.id IS NULL OR s.state NOT IN ('COMPLETED', 'CONFIRMED') OR s.pin_id <> p.id)`,
    );
    const unpinned = await db.rows<{ id: string }>(
      'voucher',
      `SELECT s.id::text FROM sales s LEFT JOIN pins p ON p.id = s.pin_id
        WHERE s.kind = 'pin' AND s.state IN ('COMPLETED', 'CONFIRMED')
          AND (p.id IS NULL OR p.status <> 'sold' OR p.sale_id <> s.id)`,
    );
    const [{ n }] = await db.rows<{ n: string }>(
      'voucher',
      `SELECT count(*)::text AS n FROM pins WHERE status = 'sold'`,
    );
    return verdict(
      [
        ...soldTwice.map((r) => `PIN ${r.pin_id} in ${r.n} sales`),
        ...orphans.map((r) => `sold PIN ${r.id} has no matching sale (${r.state ?? 'none'})`),
        ...unpinned.map((r) => `sale ${r.id} has no sold PIN of its own`),
      ],
      `${n} sold PINs, each in one sale`,
    );
  },
};

/** Float entries of the sales' ledger transfers (`sale:<id>` debits, `refund:<id>` credits), by transfer. */
async function floatLegs(db: Snapshots): Promise<Map<string, Array<{ code: string; amount: bigint }>>> {
  const rows = await db.rows<{ transfer_id: string; code: string; amount: string }>(
    'ledger',
    `SELECT e.transfer_id, a.code, e.amount::text AS amount FROM entries e JOIN accounts a ON a.id = e.account_id
      WHERE a.kind = 'float' AND (e.transfer_id LIKE 'sale:%' OR e.transfer_id LIKE 'refund:%')`,
  );
  const legs = new Map<string, Array<{ code: string; amount: bigint }>>();
  for (const r of rows) {
    legs.set(r.transfer_id, [...(legs.get(r.transfer_id) ?? []), { code: r.code, amount: BigInt(r.amount) }]);
  }
  return legs;
}

/** 4. One (terminal, client reference) gives at most one sale and at most one debit. */
export const oneSalePerRef: Invariant = {
  id: 4,
  name: 'one (terminal, client reference): at most one sale and one debit',
  async check(db) {
    const twice = await db.rows<{ terminal_id: string; client_ref: string }>(
      'voucher',
      `SELECT terminal_id, client_ref FROM sales GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    const legs = await floatLegs(db);
    const doubled = [...legs].filter(
      ([id, l]) => id.startsWith('sale:') && l.filter((x) => x.amount < 0n).length > 1,
    );
    const [{ n }] = await db.rows<{ n: string }>('voucher', 'SELECT count(*)::text AS n FROM sales');
    return verdict(
      [
        ...twice.map((r) => `${r.terminal_id} ${r.client_ref} has several sales`),
        ...doubled.map(([id]) => `${id} debits a float more than once`),
      ],
      `${n} sales, one per reference`,
    );
  },
};

function saleOffences(sale: SaleRow, legs: Map<string, Array<{ code: string; amount: bigint }>>): string[] {
  const float = `float:${sale.dealer_id}`;
  const debits = (legs.get(`sale:${sale.id}`) ?? []).filter((l) => l.code === float && l.amount < 0n);
  const refunds = (legs.get(`refund:${sale.id}`) ?? []).filter((l) => l.code === float && l.amount > 0n);
  const cost = BigInt(sale.cost);
  const out: string[] = [];
  const posted = ['COMPLETED', 'CONFIRMED', 'REVERSED'].includes(sale.state);
  // A zero-cost sale (100% commission) posts no float leg at all.
  const wantDebits = posted && cost > 0n ? 1 : 0;
  if (debits.length !== wantDebits)
    out.push(`${sale.state} sale ${sale.id} has ${debits.length} float debits`);
  else if (wantDebits && debits[0].amount !== -cost)
    out.push(`sale ${sale.id} debited ${-debits[0].amount}, cost ${cost}`);
  const wantRefunds = sale.state === 'REVERSED' && cost > 0n ? 1 : 0;
  if (refunds.length !== wantRefunds) out.push(`${sale.state} sale ${sale.id} has ${refunds.length} refunds`);
  else if (wantRefunds && refunds[0].amount !== cost)
    out.push(`sale ${sale.id} refunded ${refunds[0].amount}, cost ${cost}`);
  return out;
}

/** 5. Posted sales have one debit equal to their cost (a reversed one one refund too); failed ones none. */
export const oneDebitPerSale: Invariant = {
  id: 5,
  name: 'each posted sale one debit of its cost (reversed: one refund), failed none; no hold open past expiry',
  async check(db, context) {
    const sales = await db.rows<SaleRow>(
      'voucher',
      `SELECT id::text, state, kind, dealer_id, cost::text AS cost, pin_id::text, updated_at FROM sales
        WHERE state <> 'PENDING'`,
    );
    const legs = await floatLegs(db);
    const overdue = await db.rows<{ id: string }>(
      'ledger',
      `SELECT id FROM holds WHERE status = 'open' AND expires_at < $1`,
      [new Date(context.now.getTime() - context.graceMs)],
    );
    const stuck = await db.rows<{ id: string }>(
      'voucher',
      `SELECT id::text FROM sales WHERE state = 'PENDING' AND updated_at < $1`,
      [new Date(context.now.getTime() - 10 * context.graceMs)],
    );
    return verdict(
      [
        ...sales.flatMap((s) => saleOffences(s, legs)),
        ...overdue.map((h) => `hold ${h.id} open past its expiry`),
        ...stuck.map((s) => `sale ${s.id} still PENDING`),
      ],
      `${sales.length} finished sales, each posted as its state says`,
    );
  },
};
