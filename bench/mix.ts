import { SKU } from '@tillpoint/contracts';
import { OptionError } from './option-error';

/** One part of `--mix`: a kind (`pin`, `topup`: every product of it in the currency) or one sku, and its weight. */
export interface MixEntry {
  name: string;
  weight: number;
}

/** A catalog product as GET /admin/catalog lists it (the fields the bench needs). */
export interface CatalogProduct {
  sku: string;
  kind: string;
  operator?: string;
  currency: string;
  faceValue?: number;
  minAmount?: number;
}

/** What a sale of the run sells: the product, its share of the requests, and the amount of an open-amount one. */
export interface MixPart {
  sku: string;
  kind: 'pin' | 'topup';
  operator: string;
  share: number;
  /** Minor units: a top-up's amount (its minimum), a PIN's face value. */
  amount: number;
}

const KINDS = ['pin', 'topup'];

export function parseMix(spec: string): MixEntry[] {
  const entries = spec.split(',').map((part) => {
    const [name, weight, extra] = part.trim().split(':');
    const value = Number(weight);
    if (extra !== undefined || !name || !/^\d+(\.\d+)?$/.test(weight ?? '') || value <= 0) {
      throw new OptionError(`--mix takes name:weight pairs like pin:8,topup:2; "${part}" is not one`);
    }
    if (!KINDS.includes(name) && !SKU.test(name)) {
      throw new OptionError(`--mix: "${name}" is neither a kind (${KINDS.join(', ')}) nor a sku`);
    }
    return { name, weight: value };
  });
  const names = entries.map((e) => e.name);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated) throw new OptionError(`--mix names ${repeated} twice`);
  return entries;
}

/** The mix against the catalog: a kind shares its weight equally among its products in the currency. */
export function resolveMix(entries: MixEntry[], catalog: CatalogProduct[], currency: string): MixPart[] {
  const total = entries.reduce((sum, e) => sum + e.weight, 0);
  const parts = entries.flatMap((entry) => {
    const products = catalog.filter((p) =>
      KINDS.includes(entry.name) ? p.kind === entry.name && p.currency === currency : p.sku === entry.name,
    );
    if (products.length === 0) throw new OptionError(`--mix: no ${currency} product for "${entry.name}"`);
    return products.map((p) => toPart(p, entry.weight / total / products.length, currency));
  });
  const seen = new Set<string>();
  for (const part of parts) {
    if (seen.has(part.sku)) throw new OptionError(`--mix names ${part.sku} twice (by kind and by sku)`);
    seen.add(part.sku);
  }
  return parts;
}

/** Every sale for one PIN product: the first of the mix. */
export function hotProduct(parts: MixPart[]): MixPart[] {
  const pin = parts.find((p) => p.kind === 'pin');
  if (!pin) throw new OptionError('--case hot-product needs a PIN product in --mix');
  return [{ ...pin, share: 1 }];
}

function toPart(product: CatalogProduct, share: number, currency: string): MixPart {
  if (product.currency !== currency)
    throw new OptionError(
      `--mix: ${product.sku} is sold in ${product.currency}; the bench sells ${currency}`,
    );
  if (product.kind !== 'pin' && product.kind !== 'topup')
    throw new OptionError(
      `--mix: ${product.sku} is a ${product.kind} product; the bench sells pin and topup`,
    );
  const amount = product.kind === 'pin' ? product.faceValue : product.minAmount;
  if (!product.operator || amount === undefined)
    throw new OptionError(`--mix: ${product.sku} has no operator or amount in the catalog`);
  return { sku: product.sku, kind: product.kind, operator: product.operator, share, amount };
}
