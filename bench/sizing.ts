import type { MixPart } from './mix';

/** The most completed sales a second this machine could plausibly reach: stock and float are sized for it. */
export const PEAK_SALES_PER_S = 1_500;
const MARGIN = 1.2;

export interface RunLength {
  warmupS: number;
  durationS: number;
}

/** PINs to upload for one PIN product: every request of the run at the peak rate, its share, and a margin. */
export function pinsFor(part: Pick<MixPart, 'share'>, run: RunLength): number {
  return Math.ceil((run.warmupS + run.durationS) * PEAK_SALES_PER_S * part.share * MARGIN);
}

/** Each PIN product's stock: the estimate, or `--pins` for each. */
export function stockPlan(parts: MixPart[], run: RunLength, pins?: number): Map<string, number> {
  return new Map(parts.filter((p) => p.kind === 'pin').map((p) => [p.sku, pins ?? pinsFor(p, run)]));
}

/**
 * One dealer's float, minor units: its share of every request of the run at the peak rate, each at the
 * dearest product's value (a dealer's cost is less), twice over since connections need not spread evenly.
 */
export function floatPerDealer(parts: MixPart[], run: RunLength, dealers: number): bigint {
  const requests = Math.ceil(((run.warmupS + run.durationS) * PEAK_SALES_PER_S * MARGIN) / dealers);
  const dearest = Math.max(...parts.map((p) => p.amount));
  return BigInt(requests) * BigInt(dearest) * 2n;
}

/** Batches of at most `size` rows that add up to `total`. */
export function batches(total: number, size = 50_000): number[] {
  const sizes: number[] = [];
  for (let left = total; left > 0; left -= size) sizes.push(Math.min(size, left));
  return sizes;
}
