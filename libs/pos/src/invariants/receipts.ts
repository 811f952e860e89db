import type { Invariant } from './check';
import { verdict } from './check';

interface Subscription {
  id: string;
  owner_kind: 'dealer' | 'operator';
  owner_id: string;
  created_at: Date;
}

interface CompletedSale {
  id: string;
  dealer_path: string[];
  operator_id: string;
  completed_at: Date;
}

function matches(s: Subscription, sale: CompletedSale): boolean {
  if (s.created_at > sale.completed_at) return false;
  return s.owner_kind === 'dealer' ? sale.dealer_path.includes(s.owner_id) : s.owner_id === sale.operator_id;
}

/** 6. Every completed sale has its receipt, delivered at least once to every matching subscriber, once per event. */
export const receiptsDelivered: Invariant = {
  id: 6,
  name: 'every completed sale: a receipt, delivered to every matching subscriber, deduplicated by event id',
  async check(db, context) {
    const settled = new Date(context.now.getTime() - context.graceMs);
    const sales = await db.rows<CompletedSale>(
      'voucher',
      `SELECT id::text, dealer_path, operator_id, completed_at FROM sales
        WHERE completed_at IS NOT NULL AND completed_at < $1 AND state IN ('COMPLETED', 'CONFIRMED', 'REVERSED')`,
      [settled],
    );
    const receipts = new Set(
      (await db.rows<{ sale_id: string }>('notifications', 'SELECT sale_id FROM receipts')).map(
        (r) => r.sale_id,
      ),
    );
    const subscriptions = await db.rows<Subscription>(
      'notifications',
      `SELECT id::text, owner_kind, owner_id, created_at FROM subscriptions WHERE active AND 'sale.completed' = ANY (events)`,
    );
    const deliveries = await db.rows<{ key: string; status: string; n: string }>(
      'notifications',
      `SELECT subscription_id::text || ' ' || sale_id AS key, min(status) AS status, count(*)::text AS n FROM deliveries
        WHERE channel = 'webhook' AND event_type = 'sale.completed' GROUP BY subscription_id, sale_id, event_id`,
    );
    const byKey = new Map(deliveries.map((d) => [d.key, d]));
    const offenders: string[] = [];
    let expected = 0;
    for (const sale of sales) {
      if (!receipts.has(sale.id)) offenders.push(`sale ${sale.id} has no receipt`);
      for (const s of subscriptions.filter((x) => matches(x, sale))) {
        expected++;
        const d = byKey.get(`${s.id} ${sale.id}`);
        if (!d) offenders.push(`sale ${sale.id} never planned for subscription ${s.id}`);
        else if (d.status !== 'delivered' && d.status !== 'pending')
          offenders.push(`sale ${sale.id} to ${s.id}: ${d.status}`);
        else if (d.n !== '1') offenders.push(`sale ${sale.id} to ${s.id}: ${d.n} deliveries of one event`);
      }
    }
    const pending = deliveries.filter((d) => d.status === 'pending').length;
    return verdict(
      offenders,
      `${sales.length} receipts, ${expected} webhook deliveries due (${pending} still being tried)`,
    );
  },
};
