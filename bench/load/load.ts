import autocannon from 'autocannon';
import type { MixPart } from '../mix';
import type { RunNames } from '../setup/names';
import type { BenchTerminal } from '../setup/terminals';
import { paceGroups } from './pace';
import { picker, saleRequest, SALES_PATH } from './sale-request';
import { Tally } from './tally';

export interface LoadPlan {
  gateway: string;
  names: RunNames;
  terminals: BenchTerminal[];
  parts: MixPart[];
  concurrency: number;
  rate?: number;
  warmupS: number;
  durationS: number;
}

/** Longer than the gateway's sale deadline (10 s), so that a slow sale is its 202, not a timeout. */
const REQUEST_TIMEOUT_S = 30;

/**
 * Signed sales over `concurrency` connections for warm-up plus duration; only the window after the warm-up counts.
 * At a `rate`, the connections are spread over instances that start within the first second (`paceGroups`).
 */
export function runLoad(plan: LoadPlan): Promise<Tally> {
  const tally = new Tally(Date.now() + plan.warmupS * 1000, plan.durationS);
  const pick = picker(plan.parts);
  let connections = 0;
  const run = (group: { connections: number; rate?: number }) =>
    new Promise<void>((resolve, reject) => {
      const instance = autocannon(
        {
          url: plan.gateway,
          connections: group.connections,
          duration: plan.warmupS + plan.durationS,
          overallRate: group.rate,
          timeout: REQUEST_TIMEOUT_S,
          // Replaced per connection by setupClient; autocannon builds it once before that.
          requests: [{ method: 'POST', path: SALES_PATH }],
          setupClient: (client) => {
            const i = connections++;
            const terminal = plan.terminals[i % plan.terminals.length];
            client.setRequests([saleRequest(plan.names, i, terminal, pick, (o) => tally.outcome(o))]);
          },
        },
        (error) => (error ? reject(error) : resolve()),
      );
      instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) =>
        tally.latency(ms),
      );
      instance.on('reqError', () => tally.networkError());
    });
  if (plan.rate === undefined) return run({ connections: plan.concurrency }).then(() => tally);
  const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const groups = paceGroups(plan.concurrency, plan.rate).map((group) =>
    later(group.startMs).then(() => run(group)),
  );
  return Promise.all(groups).then(() => tally);
}
