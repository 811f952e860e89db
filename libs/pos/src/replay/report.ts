import type { SaleSummary, SalesPage } from '@tillpoint/contracts';
import type { AdminClient } from './admin';
import type { DealerData } from './data';

export interface ReplayReport {
  finalBalance: Record<string, string>;
  salesByState: Record<string, number>;
  soldBySku: Record<string, number>;
  refused: Record<string, number>;
}

/** The report, read back from the API; keys sorted so that two replays print the same bytes. */
export async function readReport(
  admin: AdminClient,
  dealers: DealerData[],
  refused: Record<string, number>,
): Promise<ReplayReport> {
  const finalBalance: Record<string, string> = {};
  for (const d of [...dealers].sort((a, b) => a.id.localeCompare(b.id))) {
    finalBalance[d.id] = (await admin.get<{ posted: string }>(`/admin/floats/${d.id}`)).posted;
  }
  const salesByState: Record<string, number> = {};
  const soldBySku: Record<string, number> = {};
  for (const sale of await allSales(admin)) {
    salesByState[sale.state] = (salesByState[sale.state] ?? 0) + 1;
    if (sale.state === 'COMPLETED' || sale.state === 'CONFIRMED')
      soldBySku[sale.sku] = (soldBySku[sale.sku] ?? 0) + 1;
  }
  return {
    finalBalance,
    salesByState: sorted(salesByState),
    soldBySku: sorted(soldBySku),
    refused: sorted(refused),
  };
}

/** Every recorded sale, page by page. Days are the dealers' local days: a window around today covers them. */
async function allSales(admin: AdminClient): Promise<SaleSummary[]> {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const sales: SaleSummary[] = [];
  let after: string | null = null;
  do {
    const query = `from=${day(-2)}&to=${day(2)}&limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    const page: SalesPage = await admin.get<SalesPage>(`/admin/sales?${query}`);
    sales.push(...page.sales);
    after = page.next;
  } while (after);
  return sales;
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
