import { NETWORK_ERROR, type Outcome } from '../outcome';

/** The answers of the measured window (after the warm-up): counts, response times, completed sales by second. */
export class Tally {
  completed = 0;
  pending = 0;
  readonly errors: Record<string, number> = {};
  readonly latencies: number[] = [];
  /** Completed sales in each second of the window. */
  readonly timeline: number[];

  constructor(
    private readonly from: number,
    private readonly durationS: number,
  ) {
    this.timeline = new Array<number>(durationS).fill(0);
  }

  /** Which second of the window `at` falls in, or -1 outside it. */
  second(at: number): number {
    const s = Math.floor((at - this.from) / 1000);
    return s >= 0 && s < this.durationS ? s : -1;
  }

  outcome(outcome: Outcome, at = Date.now()): void {
    const s = this.second(at);
    if (s < 0) return;
    if (outcome.kind === 'completed') {
      this.completed++;
      this.timeline[s]++;
    } else if (outcome.kind === 'pending') {
      this.pending++;
    } else {
      this.errors[outcome.type] = (this.errors[outcome.type] ?? 0) + 1;
    }
  }

  networkError(at = Date.now()): void {
    this.outcome({ kind: 'error', type: NETWORK_ERROR }, at);
  }

  latency(ms: number, at = Date.now()): void {
    if (this.second(at) >= 0) this.latencies.push(ms);
  }
}
