import { NoAnswerError, ProblemError, type Answer } from './http';
import type { Journal, PendingAdvice } from './journal';
import { PosLocalError } from './local-errors';
import type { SaleView } from './views';

export interface AdviceReport {
  advice: PendingAdvice;
  result: 'acknowledged' | 'final' | 'pending';
  sale?: SaleView;
  error?: Error;
}

/**
 * A 404 for an advice may be a sale still on its way in (the request that got no answer may land later):
 * it is final only once the advice is this old.
 */
export const NOT_FOUND_FINAL_AFTER_MS = 120_000;

/** Is this refusal the platform's last word on the advice, or might a retry be heard differently? */
export function isFinalRefusal(error: ProblemError, advice: PendingAdvice, now = Date.now()): boolean {
  if (error.status >= 500) return false;
  // Not heard as the terminal's yet: a session, a signature or a rate limit, not the advice itself.
  if (error.status === 401 || error.status === 408 || error.status === 429) return false;
  if (error.status === 404) return now - Date.parse(advice.since) >= NOT_FOUND_FINAL_AFTER_MS;
  return error.status >= 400;
}

/** Sends each advice once, writing the outcome to the journal; the first one unheard stops the round. */
export async function deliverAdvices(
  journal: Journal,
  pending: PendingAdvice[],
  send: (advice: PendingAdvice) => Promise<Answer>,
): Promise<AdviceReport[]> {
  const reports: AdviceReport[] = [];
  for (const advice of pending) {
    try {
      const answer = await send(advice);
      const sale = answer.json as SaleView;
      journal.settle(advice, 'acknowledged', sale.state);
      reports.push({ advice, result: 'acknowledged', sale });
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      if (error instanceof ProblemError && isFinalRefusal(error, advice)) {
        journal.settle(advice, 'final', error.slug);
        reports.push({ advice, result: 'final', error });
        continue;
      }
      reports.push({ advice, result: 'pending', error });
      // The gateway is not there: the others would only wait for their own timeouts.
      if (error instanceof NoAnswerError) break;
      if (!(error instanceof ProblemError) && !(error instanceof PosLocalError)) throw error;
    }
  }
  return reports;
}
