import { checkInvariants, formatOutcomes, Snapshots } from '@tillpoint/pos';

export interface Backlog {
  pendingSales: number;
  unpublished: number;
}

const OUTBOX_SCHEMAS = ['auth', 'ledger', 'voucher', 'notifications'] as const;

/** The run's sales still PENDING, and events not yet published from any service's outbox. */
export async function backlog(
  env: Record<string, string | undefined>,
  dealerPrefix: string,
): Promise<Backlog> {
  const db = await Snapshots.open(env);
  try {
    const [pending] = await db.rows<{ n: string }>(
      'voucher',
      `SELECT count(*)::text AS n FROM sales WHERE state = 'PENDING' AND dealer_id LIKE $1`,
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
    return { pendingSales: Number(pending.n), unpublished };
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
    if ((left.pendingSales === 0 && left.unpublished === 0) || waitedMs >= withinMs)
      return { ...left, waitedMs };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** DESIGN section 5 against the platform, in this process: its lines, and whether all held. */
export async function invariants(
  env: Record<string, string | undefined>,
): Promise<{ passed: boolean; lines: string }> {
  const outcomes = await checkInvariants(env);
  return { passed: outcomes.every((o) => o.ok), lines: formatOutcomes(outcomes) };
}
