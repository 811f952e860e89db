/** One autocannon instance of a paced load: its connections, its requests per second, when it starts. */
export interface PaceGroup {
  connections: number;
  rate: number;
  startMs: number;
}

/** `total` split into `parts` whole numbers that differ by one at most, the larger ones first. */
function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

/**
 * A load of `rate` requests a second over `concurrency` connections, as instances that start spread over
 * one second. autocannon paces a connection by letting it send its share of the second's requests back to
 * back, then wait for the next second, each connection's second starting when the connection does: one
 * instance for all would send every second's requests in one burst at its start, and the latencies measured
 * would be those of the burst, not of the rate. Each group has one connection (or a few, past 100).
 */
export function paceGroups(concurrency: number, rate: number, maxGroups = 100): PaceGroup[] {
  const groups = Math.max(1, Math.min(concurrency, rate, maxGroups));
  const connections = split(concurrency, groups);
  const rates = split(rate, groups);
  return connections.map((c, i) => ({
    connections: c,
    rate: rates[i],
    startMs: Math.floor((i * 1000) / groups),
  }));
}
