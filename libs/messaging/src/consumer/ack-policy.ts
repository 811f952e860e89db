import { isRefusal, toWireError, type WireError } from '@tillpoint/contracts';

/** What becomes of a message whose handler threw. The one place that decides it. */
export type FailureOutcome =
  | { kind: 'refuse'; error: WireError }
  | { kind: 'retry'; attempt: number; delayMs: number }
  | { kind: 'dead-letter'; reason: string };

export interface FailureFacts {
  error: unknown;
  /** Retries already made (0 on the first delivery). */
  attempt: number;
  retryDelaysMs: number[];
  /** A request's deadline (epoch ms); a retry that would land after it is pointless. */
  deadline?: number;
  now: number;
}

/**
 * A known domain refusal is an answer: it is acked (and replied to). Anything else, including the
 * messaging lib's own codes from a request the handler made downstream (a timeout, no route), is
 * transient: retried with back-off a bounded number of times, then dead-lettered with its reason.
 */
export function decideFailure(facts: FailureFacts): FailureOutcome {
  const { error, attempt, retryDelaysMs, deadline, now } = facts;
  if (isRefusal(error)) {
    return { kind: 'refuse', error: toWireError(error) };
  }
  const why = error instanceof Error ? error.message : String(error);
  if (attempt >= retryDelaysMs.length) {
    return { kind: 'dead-letter', reason: `handler failed after ${attempt + 1} attempts: ${why}` };
  }
  const delayMs = retryDelaysMs[attempt];
  if (deadline !== undefined && now + delayMs >= deadline) {
    return { kind: 'dead-letter', reason: `handler failed and no retry fits the request's deadline: ${why}` };
  }
  return { kind: 'retry', attempt, delayMs };
}
