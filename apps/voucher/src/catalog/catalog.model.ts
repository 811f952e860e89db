import {
  DomainError,
  formatMajor,
  VoucherErrors,
  type CatalogDocument,
  type CatalogProduct,
  type ProductKind,
} from '@tillpoint/contracts';

/** A product as the sale path uses it: money as bigint, the operator (or biller) resolved, patterns compiled. */
export interface Product {
  sku: string;
  kind: ProductKind;
  name: string;
  operatorId: string;
  operatorName: string;
  country: string;
  currency: string;
  faceValue?: bigint;
  minAmount?: bigint;
  maxAmount?: bigint;
  commissionBps: bigint;
  validityDays?: number;
  redeemInstructions?: string;
  accountPattern?: RegExp;
  lowStockThreshold?: number;
}

/** One catalog version, compiled once and cached (the sale path never reads the catalog table). */
export interface Catalog {
  version: number;
  createdAt: string;
  document: CatalogDocument;
  products: Map<string, Product>;
}

interface Owner {
  id: string;
  country: string;
  name: string;
  currency: string;
  accountPattern?: string;
}

const invalid = (message: string) => new DomainError(VoucherErrors.CATALOG_INVALID, message);

function compilePattern(pattern: string, sku: string): RegExp {
  try {
    // Anchored whatever the author wrote: a pattern must describe the whole account.
    return new RegExp(`^(?:${pattern.replace(/^\^/, '').replace(/\$$/, '')})$`);
  } catch {
    throw invalid(`${sku}: accountPattern is not a regular expression`);
  }
}

function checkAmounts(p: CatalogProduct): void {
  if (p.kind === 'pin') {
    if (p.faceValue === undefined) throw invalid(`${p.sku}: a pin product needs a faceValue`);
    return;
  }
  if (p.minAmount === undefined || p.maxAmount === undefined || p.minAmount > p.maxAmount) {
    throw invalid(`${p.sku}: a ${p.kind} product needs minAmount <= maxAmount`);
  }
}

function productName(p: CatalogProduct, owner: Owner): string {
  if (p.kind === 'pin')
    return `${owner.name} ${formatMajor(BigInt(p.faceValue!), p.currency)} ${p.currency} PIN`;
  return p.kind === 'topup' ? `${owner.name} top-up` : owner.name;
}

function compileProduct(p: CatalogProduct, owners: Map<string, Owner>): Product {
  const ownerId = p.kind === 'bill' ? p.biller : p.operator;
  const owner = ownerId ? owners.get(ownerId) : undefined;
  if (!owner) throw invalid(`${p.sku}: no ${p.kind === 'bill' ? 'biller' : 'operator'} ${ownerId ?? ''}`);
  if (owner.currency !== p.currency) throw invalid(`${p.sku}: currency differs from ${owner.id}'s`);
  checkAmounts(p);
  const pattern = p.accountPattern ?? owner.accountPattern;
  if (p.kind === 'bill' && !pattern) throw invalid(`${p.sku}: a bill product needs an accountPattern`);
  return {
    sku: p.sku,
    kind: p.kind,
    name: productName(p, owner),
    operatorId: owner.id,
    operatorName: owner.name,
    country: owner.country,
    currency: p.currency,
    faceValue: p.faceValue === undefined ? undefined : BigInt(p.faceValue),
    minAmount: p.minAmount === undefined ? undefined : BigInt(p.minAmount),
    maxAmount: p.maxAmount === undefined ? undefined : BigInt(p.maxAmount),
    commissionBps: BigInt(p.dealerCommissionBps),
    validityDays: p.validityDays,
    redeemInstructions: p.redeemInstructions,
    accountPattern: p.kind === 'bill' && pattern ? compilePattern(pattern, p.sku) : undefined,
    lowStockThreshold: p.lowStockThreshold,
  };
}

/** Checks the document's cross references and compiles it; a problem is CATALOG_INVALID naming it. */
export function compileCatalog(version: number, createdAt: string, document: CatalogDocument): Catalog {
  const owners = new Map<string, Owner>();
  for (const o of document.operators) owners.set(o.id, { ...o, name: o.brand });
  for (const b of document.billers ?? []) {
    if (owners.has(b.id)) throw invalid(`${b.id} is listed twice`);
    owners.set(b.id, b);
  }
  const products = new Map<string, Product>();
  for (const p of document.products) {
    if (products.has(p.sku)) throw invalid(`${p.sku} is listed twice`);
    products.set(p.sku, compileProduct(p, owners));
  }
  return { version, createdAt, document, products };
}

/** The dealer's cost of a sale: `value - floor(value * bps / 10000)`; bigint division rounds down. */
export function priceOf(value: bigint, commissionBps: bigint): { cost: bigint; commission: bigint } {
  const commission = (value * commissionBps) / 10000n;
  return { cost: value - commission, commission };
}

/** Only what an operator may see: its own operator (or biller) entry and products. */
export function scopeDocument(document: CatalogDocument, operatorId: string): CatalogDocument {
  return {
    ...document,
    operators: document.operators.filter((o) => o.id === operatorId),
    billers: (document.billers ?? []).filter((b) => b.id === operatorId),
    products: document.products.filter((p) => (p.kind === 'bill' ? p.biller : p.operator) === operatorId),
  };
}
