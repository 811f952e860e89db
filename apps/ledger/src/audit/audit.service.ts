import { Injectable } from '@nestjs/common';
import type { AuditBreach, AuditReport } from '@tillpoint/contracts';
import { DataSource } from 'typeorm';

/** Checks DESIGN invariants 1 and 2 over the whole ledger and names every breach. */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async run(): Promise<AuditReport> {
    // One snapshot for every query, so that sales committing meanwhile cannot fake a breach.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const breaches: AuditBreach[] = [];
      const unbalanced = await manager.query<Array<{ transfer_id: string; currency: string; total: string }>>(
        `SELECT transfer_id, currency, SUM(amount)::text AS total FROM entries
          GROUP BY transfer_id, currency HAVING SUM(amount) <> 0`,
      );
      unbalanced.forEach((r) =>
        breaches.push({
          invariant: 'transfer-balances',
          subject: r.transfer_id,
          detail: `${r.currency} legs sum to ${r.total}`,
        }),
      );
      const drifted = await manager.query<Array<{ code: string; balance: string; total: string }>>(
        `SELECT a.code, a.balance::text, COALESCE(SUM(e.amount), 0)::text AS total
           FROM accounts a LEFT JOIN entries e ON e.account_id = a.id
          WHERE a.kind = 'float' GROUP BY a.id HAVING a.balance <> COALESCE(SUM(e.amount), 0)`,
      );
      drifted.forEach((r) =>
        breaches.push({
          invariant: 'balance-equals-entries',
          subject: r.code,
          detail: `balance ${r.balance} but entries sum to ${r.total}`,
        }),
      );
      const misheld = await manager.query<Array<{ code: string; held: string; open: string }>>(
        `SELECT a.code, a.held::text, COALESCE(SUM(h.amount) FILTER (WHERE h.status = 'open'), 0)::text AS open
           FROM accounts a LEFT JOIN holds h ON h.account_id = a.id
          GROUP BY a.id HAVING a.held <> COALESCE(SUM(h.amount) FILTER (WHERE h.status = 'open'), 0)`,
      );
      misheld.forEach((r) =>
        breaches.push({
          invariant: 'held-equals-open-holds',
          subject: r.code,
          detail: `held ${r.held}, open holds ${r.open}`,
        }),
      );
      const overdrawn = await manager.query<Array<{ code: string; available: string }>>(
        `SELECT code, (balance::numeric - held + credit_limit)::text AS available FROM accounts
          WHERE kind = 'float' AND balance - held < -credit_limit`,
      );
      overdrawn.forEach((r) =>
        breaches.push({
          invariant: 'float-within-limit',
          subject: r.code,
          detail: `available ${r.available}`,
        }),
      );
      const [counts] = await manager.query<Array<{ transfers: number; accounts: number }>>(
        'SELECT (SELECT count(*) FROM transfers)::int AS transfers, (SELECT count(*) FROM accounts)::int AS accounts',
      );
      return { checkedAt: new Date().toISOString(), ...counts, breaches };
    });
  }
}
