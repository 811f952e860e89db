import type { Snapshots } from './snapshot';

export interface CheckResult {
  ok: boolean;
  /** What was found: counts when it holds, the first offenders when it does not. */
  detail: string;
}

export interface Invariant {
  id: number;
  name: string;
  check: (db: Snapshots, context: CheckContext) => Promise<CheckResult>;
}

export interface CheckContext {
  pinKeys?: string;
  /** Where the services copied their log lines (LOG_CAPTURE_DIR), searched for PINs too. */
  logDir?: string;
  /** Things this recent may still be in flight (a receipt on its way, a hold the sweeper has not reached). */
  graceMs: number;
  now: Date;
}

/** Passes when nothing offends; otherwise names the first few offenders. */
export function verdict(offenders: string[], ok: string): CheckResult {
  if (offenders.length === 0) return { ok: true, detail: ok };
  const shown = offenders.slice(0, 5).join('; ');
  return {
    ok: false,
    detail: `${offenders.length} offending: ${shown}${offenders.length > 5 ? '; ...' : ''}`,
  };
}
