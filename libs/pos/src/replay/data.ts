import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

// The input data of ../shared/data, as its README describes it.

export interface CashierData {
  id: string;
  pin: string;
}
export interface TerminalData {
  id: string;
  serial: string;
  cashiers: CashierData[];
}
export interface DealerData {
  id: string;
  name: string;
  parent: string | null;
  currency: string;
  timeZone: string;
  initialFloat: number;
  email?: string;
  terminals: TerminalData[];
}
export interface CatalogData {
  operators: Array<{ id: string; brand: string; legalName?: string }>;
  billers: Array<{ id: string; name: string }>;
  products: Array<{ sku: string; operator: string; kind: string }>;
  [field: string]: unknown;
}
export interface StockFile {
  file: string;
  /** The CSV product is given by the uploader: the file name starts with it. Pipe files name it themselves. */
  sku?: string;
  contentType: 'text/csv' | 'text/plain';
  operatorId: string;
}
export interface TrafficLine {
  at: string;
  terminal: string;
  cashier: string;
  type: 'sale' | 'confirm' | 'reverse';
  clientRef: string;
  sku?: string;
  account?: string;
  amount?: number | string;
  note?: string;
}

/** As the issue names it: beside the repository, from where npm runs (the repository's root). */
export const DEFAULT_DATA_DIR = resolve('../shared/data');

export function readDataSet(dir: string) {
  const catalog = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8')) as CatalogData;
  const dealers = (JSON.parse(readFileSync(join(dir, 'dealers.json'), 'utf8')) as { dealers: DealerData[] })
    .dealers;
  return { catalog, dealers: parentsFirst(dealers), stock: stockFiles(join(dir, 'stock'), catalog) };
}

/** A sub-dealer can only be created under a parent that exists. */
function parentsFirst(dealers: DealerData[]): DealerData[] {
  const placed = new Set<string>();
  const ordered: DealerData[] = [];
  while (ordered.length < dealers.length) {
    const next = dealers.filter((d) => !placed.has(d.id) && (d.parent === null || placed.has(d.parent)));
    if (next.length === 0) throw new Error('dealers.json: a dealer has a parent that is not in the file');
    for (const d of next) {
      placed.add(d.id);
      ordered.push(d);
    }
  }
  return ordered;
}

/** Every batch file, in name order (so a replay imports them in the same order every time). */
function stockFiles(dir: string, catalog: CatalogData): StockFile[] {
  const operatorOf = new Map(catalog.products.map((p) => [p.sku, p.operator]));
  return readdirSync(dir)
    .filter((name) => /\.(csv|txt)$/.test(name))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      if (name.endsWith('.txt')) {
        const header = readFileSync(file, 'utf8').split(/\r?\n/, 1)[0].split('|');
        return { file, contentType: 'text/plain' as const, operatorId: header[1] };
      }
      const sku = basename(name, '.csv')
        .replace(/-b[0-9]+$/i, '')
        .toUpperCase();
      const operatorId = operatorOf.get(sku);
      if (!operatorId) throw new Error(`stock file ${name}: no product ${sku} in the catalog`);
      return { file, sku, contentType: 'text/csv' as const, operatorId };
    });
}

export function readTraffic(file: string): TrafficLine[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as TrafficLine);
}
