import type { CheckContext, CheckResult, Invariant } from './check';
import { floatWithinLimit, integerMoney, transfersBalance } from './money';
import { receiptsDelivered } from './receipts';
import { oneDebitPerSale, oneSalePerRef, pinsSoldOnce } from './sales';
import { noClearPins } from './secrets';
import { Snapshots } from './snapshot';

/** DESIGN section 5, in its order. */
export const INVARIANTS: Invariant[] = [
  transfersBalance,
  floatWithinLimit,
  pinsSoldOnce,
  oneSalePerRef,
  oneDebitPerSale,
  receiptsDelivered,
  noClearPins,
  integerMoney,
];

export interface InvariantOutcome extends CheckResult {
  id: number;
  name: string;
}

export async function checkInvariants(
  env: Record<string, string | undefined>,
  options: Partial<CheckContext> = {},
): Promise<InvariantOutcome[]> {
  const context: CheckContext = {
    pinKeys: env.PIN_KEYS,
    logDir: env.LOG_CAPTURE_DIR,
    graceMs: 30_000,
    now: new Date(),
    ...options,
  };
  const db = await Snapshots.open(env);
  try {
    const outcomes: InvariantOutcome[] = [];
    for (const invariant of INVARIANTS) {
      const result = await invariant
        .check(db, context)
        .catch((error: unknown): CheckResult => ({ ok: false, detail: `could not check: ${String(error)}` }));
      outcomes.push({ id: invariant.id, name: invariant.name, ...result });
    }
    return outcomes;
  } finally {
    await db.close();
  }
}

/** One line per invariant, then `N passed, N failed` alone on the last line. */
export function formatOutcomes(outcomes: InvariantOutcome[]): string {
  const lines = outcomes.map((o) => `${o.ok ? 'PASS' : 'FAIL'} ${o.id}. ${o.name}: ${o.detail}`);
  const passed = outcomes.filter((o) => o.ok).length;
  return [...lines, `${passed} passed, ${outcomes.length - passed} failed`].join('\n');
}
