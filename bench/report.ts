import type { Tally } from './load/tally';
import type { BenchOptions } from './options';
import type { BenchPlatform } from './setup/setup';
import { latency, round } from './stats';

export interface BenchFigures {
  run: string;
  platform: BenchPlatform;
  tally: Tally;
  limitSalesPerSec: number | null;
  rssMb: Record<string, number>;
  /** CPU milliseconds per completed sale by part of the machine (services, postgres, rabbitmq, redis, bench). */
  cpuMsPerSale: Record<string, number>;
  invariantsPassed: boolean | null;
  left: { pendingSales: number; unpublished: number; receiptsMissing: number };
}

/** The last line of stdout: one JSON object, the figures by the names issue 8 gives them. */
export function report(options: BenchOptions, f: BenchFigures) {
  const salesPerSec = round(f.tally.completed / options.durationS, 1);
  const { p50, p95, p99, max } = latency(f.tally.latencies);
  return {
    case: options.case,
    salesPerSec,
    p50,
    p95,
    p99,
    maxMs: max,
    errors: f.tally.errors,
    rssMb: f.rssMb,
    cpuMsPerSale: f.cpuMsPerSale,
    limitSalesPerSec: f.limitSalesPerSec === null ? null : round(f.limitSalesPerSec, 1),
    ratio: f.limitSalesPerSec ? round(salesPerSec / f.limitSalesPerSec, 3) : null,
    invariantsPassed: f.invariantsPassed,
    completed: f.tally.completed,
    pending: f.tally.pending,
    answered: f.tally.latencies.length,
    durationS: options.durationS,
    warmupS: options.warmupS,
    concurrency: options.concurrency,
    rate: options.rate ?? null,
    dealers: options.dealers,
    terminals: f.platform.terminals.length,
    mix: Object.fromEntries(f.platform.parts.map((p) => [p.sku, round(p.share, 4)])),
    pins: Object.fromEntries(f.platform.pins),
    leftAfterSettle: f.left,
    run: f.run,
  };
}

export type BenchReport = ReturnType<typeof report>;

/** The same figures for a reader, before the JSON line. */
export function humanLines(r: BenchReport, timeline: number[]): string[] {
  const errors = Object.entries(r.errors).sort((a, b) => b[1] - a[1]);
  return [
    `case ${r.case}: ${r.dealers} dealer(s), ${r.terminals} terminals, ${r.concurrency} connections, ` +
      `rate ${r.rate ?? 'unbounded'}, ${r.warmupS} s warm-up + ${r.durationS} s measured (run ${r.run})`,
    `completed sales/s by second: ${timeline.join(' ')}`,
    `completed: ${r.completed} = ${r.salesPerSec} sales/s; pending (202): ${r.pending}; answers: ${r.answered}`,
    `latency ms: p50 ${r.p50}, p95 ${r.p95}, p99 ${r.p99}, max ${r.maxMs}`,
    `errors: ${errors.length ? errors.map(([t, n]) => `${t} ${n}`).join(', ') : 'none'}`,
    `limit (pgbench, one sale a transaction): ${r.limitSalesPerSec ?? 'skipped'} sales/s; ratio ${r.ratio ?? '-'}`,
    `peak RSS MB: ${
      Object.entries(r.rssMb)
        .map(([s, mb]) => `${s} ${mb}`)
        .join(', ') || 'no service found'
    }`,
    `CPU ms per completed sale: ${
      Object.entries(r.cpuMsPerSale)
        .sort((a, b) => b[1] - a[1])
        .map(([part, ms]) => `${part} ${ms}`)
        .join(', ') || 'not measured'
    }`,
    `after the run: ${r.leftAfterSettle.pendingSales} sale(s) still PENDING, ${r.leftAfterSettle.unpublished} outbox event(s) unpublished, ${r.leftAfterSettle.receiptsMissing} receipt(s) not stored`,
    `invariants: ${r.invariantsPassed === null ? 'skipped' : r.invariantsPassed ? 'all held' : 'FAILED'}`,
  ];
}
