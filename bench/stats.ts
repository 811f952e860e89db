/** The nearest-rank percentile (`p` in 0..100) of values sorted ascending; 0 for none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** p50/p95/p99/max of response times in milliseconds, to 0.1 ms. */
export function latency(values: ArrayLike<number>): Latency {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => round(percentile(sorted, p), 1);
  return { p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
