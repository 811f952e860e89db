import type { AdminClient } from '@tillpoint/pos';
import type { CatalogProduct, MixPart } from '../mix';
import type { RunNames } from './names';

export interface CatalogView {
  version: number;
  catalog: { operators: Array<{ id: string; brand: string }>; products: CatalogProduct[] };
}

/** The dealers of a run sell in this currency, from Nairobi. */
export const BENCH_CURRENCY = 'KES';
const TIME_ZONE = 'Africa/Nairobi';

/** The mix's operators as organisations, created only when missing (a platform that ran the replay has them). */
export async function ensureOperators(
  admin: AdminClient,
  catalog: CatalogView,
  parts: MixPart[],
): Promise<number> {
  const existing = new Set((await admin.get<Array<{ id: string }>>('/admin/operators')).map((o) => o.id));
  const wanted = [...new Set(parts.map((p) => p.operator))].filter((id) => !existing.has(id));
  for (const id of wanted) {
    const brand = catalog.catalog.operators.find((o) => o.id === id)?.brand ?? id;
    await admin.post('/admin/operators', { id, name: brand });
  }
  return wanted.length;
}

/** Dealers 1..count of the run, each with its float topped up by `float` minor units. */
export async function createDealers(admin: AdminClient, names: RunNames, count: number, float: bigint) {
  for (let d = 1; d <= count; d++) {
    const id = names.dealer(d);
    await admin.post('/admin/dealers', {
      id,
      name: `Bench ${names.run} dealer ${d}`,
      currency: BENCH_CURRENCY,
      timeZone: TIME_ZONE,
    });
    await admin.post(`/admin/floats/${id}/topups`, {
      transferId: `${id}:float`,
      amount: String(float),
      reason: `bench run ${names.run}`,
    });
  }
}
