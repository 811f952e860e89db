import { checkInvariants, formatOutcomes, Snapshots } from '@tillpoint/pos';

export interface Backlog {
  pendingSales: number;
  unpublished: number;
  /** The run's completed sales whose receipt notifications has not stored yet. */
  receiptsMissing: number;
}

const OUTBOX_SCHEMAS = ['auth', 'ledger', 'voucher', 'notifications'] as const;

/** The run's sales still PENDING, events not yet published from any service's outbox, receipts not yet stored. */
export async function backlog(
  env: Record<string, string | undefined>,
  dealerPrefix: string,
): Promise<Backlog> {
  const db = await Snapshots.open(env);
  try {
    const [sales] = await db.rows<{ pending: string; done: string }>(
      'voucher',
      `SELECT count(*) FILTER (WHERE state = 'PENDING')::text AS pending,
              count(*) FILTER (WHERE state IN ('COMPLETED', 'CONFIRMED', 'REVERSED'))::text AS done
         FROM sales WHERE dealer_id LIKE $1`,
      [`${dealerPrefix}%`],
    );
    const [receipts] = await db.rows<{ n: string }>(
      'notifications',
      'SELECT count(*)::text AS n FROM receipts WHERE dealer_id LIKE $1',
      [`${dealerPrefix}%`],
    );
    let unpublished = 0;
    for (const schema of OUTBOX_SCHEMAS) {
      const [row] = await db.rows<{ n: string }>(
        schema,
        'SELECT count(*)::text AS n FROM outbox WHERE published_at IS NULL',
      );
      unpublished += Number(row.n);
    }
    return {
      pendingSales: Number(sales.pending),
      unpublished,
      receiptsMissing: Math.max(0, Number(sales.done) - Number(receipts.n)),
    };
  } finally {
    await db.close();
  }
}

/** Polls until nothing of the run is left in flight, or `withinMs` passed; returns what was left. */
export async function settle(
  env: Record<string, string | undefined>,
  dealerPrefix: string,
  withinMs = 30_000,
): Promise<Backlog & { waitedMs: number }> {
  const started = Date.now();
  for (;;) {
    const left = await backlog(env, dealerPrefix);
    const waitedMs = Date.now() - started;
    if (
      (left.pendingSales === 0 && left.unpublished === 0 && left.receiptsMissing === 0) ||
      waitedMs >= withinMs
    )
      return { ...left, waitedMs };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Once the run has settled, no sale of it is still on its way: the checks may look at every sale up to a
 * moment ago. With check:invariants' 30 s of grace, a short run's sales would mostly go unchecked.
 */
export const SETTLED_GRACE_MS = 2_000;

/** DESIGN section 5 against the platform, in this process: its lines, and whether all held. */
export async function invariants(
  env: Record<string, string | undefined>,
  graceMs = SETTLED_GRACE_MS,
): Promise<{ passed: boolean; lines: string }> {
  const outcomes = await checkInvariants(env, { graceMs });
  return { passed: outcomes.every((o) => o.ok), lines: formatOutcomes(outcomes) };
}
