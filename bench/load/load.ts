import autocannon from 'autocannon';
import type { MixPart } from '../mix';
import type { RunNames } from '../setup/names';
import type { BenchTerminal } from '../setup/terminals';
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

/** Signed sales over `concurrency` connections for warm-up plus duration; only the window after the warm-up counts. */
export function runLoad(plan: LoadPlan): Promise<Tally> {
  const tally = new Tally(Date.now() + plan.warmupS * 1000, plan.durationS);
  const pick = picker(plan.parts);
  let connections = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: plan.gateway,
        connections: plan.concurrency,
        duration: plan.warmupS + plan.durationS,
        overallRate: plan.rate,
        timeout: REQUEST_TIMEOUT_S,
        // Replaced per connection by setupClient; autocannon builds it once before that.
        requests: [{ method: 'POST', path: SALES_PATH }],
        setupClient: (client) => {
          const i = connections++;
          const terminal = plan.terminals[i % plan.terminals.length];
          client.setRequests([saleRequest(plan.names, i, terminal, pick, (o) => tally.outcome(o))]);
        },
      },
      (error) => (error ? reject(error) : resolve(tally)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) =>
      tally.latency(ms),
    );
    instance.on('reqError', () => tally.networkError());
  });
}
