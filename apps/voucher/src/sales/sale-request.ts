import {
  DomainError,
  formatMajor,
  parseMinorUnits,
  toJson,
  VoucherErrors,
  type CreateSaleRequest,
} from '@tillpoint/contracts';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { createHash } from 'node:crypto';
import { priceOf, type Catalog, type Product } from '../catalog/catalog.model';

/** A valid request, priced: what the sale row is made of. */
export interface PricedSale {
  product: Product;
  catalogVersion: number;
  /** E.164 for a phone, as given for a bill account. */
  account: string;
  amount: bigint;
  cost: bigint;
  commission: bigint;
  requestHash: string;
}

const refuse = (code: string, message: string) => new DomainError(code, message);

/**
 * The fingerprint of a request: a repeat of the (terminal, client reference) with another fingerprint is a
 * conflict. Everything the terminal chose is in it; the principal's session details are not.
 */
export function requestHash(request: CreateSaleRequest): string {
  const amount = request.amount === undefined ? null : String(request.amount);
  const parts = [
    request.seller.dealerId,
    request.seller.cashierId,
    request.sku,
    request.account,
    amount,
    request.catalogVersion ?? null,
    request.customer ?? null,
  ];
  return createHash('sha256').update(toJson(parts)).digest('hex');
}

function mobileNumber(account: string, country: string): string {
  const phone = parsePhoneNumberFromString(account, country as CountryCode);
  const type = phone?.getType();
  if (
    !phone?.isValid() ||
    phone.country !== country ||
    (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE')
  ) {
    throw refuse(VoucherErrors.INVALID_ACCOUNT, `the account is not a valid mobile number of ${country}`);
  }
  return phone.number;
}

function accountOf(product: Product, account: string): string {
  if (product.kind !== 'bill') return mobileNumber(account, product.country);
  if (!product.accountPattern!.test(account)) {
    throw refuse(
      VoucherErrors.INVALID_ACCOUNT,
      `the account does not match ${product.operatorName}'s pattern`,
    );
  }
  return account;
}

function amountOf(product: Product, given: string | number | undefined): bigint {
  if (product.kind === 'pin' && given === undefined) return product.faceValue!;
  // Said in the currency's own terms: the cashier reads these at the counter.
  const money = (minor: bigint) => `${product.currency} ${formatMajor(minor, product.currency)}`;
  const [min, max] =
    product.kind === 'pin'
      ? [product.faceValue!, product.faceValue!]
      : [product.minAmount!, product.maxAmount!];
  const range =
    product.kind === 'pin'
      ? `a ${money(min)} PIN has a fixed value: leave the amount out`
      : `the amount must be between ${money(min)} and ${money(max)}`;
  const amount = parseMinorUnits(given);
  if (amount === undefined) {
    const why = given === undefined ? `${product.sku} needs an amount: ${range}` : range;
    throw refuse(VoucherErrors.AMOUNT_NOT_WHOLE, `${why} (whole minor units)`);
  }
  if (amount < min || amount > max) throw refuse(VoucherErrors.AMOUNT_OUT_OF_RANGE, range);
  return amount;
}

/** The terminal quoted an older version: refuse if the product's price or commission moved since. */
function checkQuote(product: Product, quoted: Catalog): void {
  const then = quoted.products.get(product.sku);
  const same =
    then &&
    then.currency === product.currency &&
    then.commissionBps === product.commissionBps &&
    then.faceValue === product.faceValue &&
    then.minAmount === product.minAmount &&
    then.maxAmount === product.maxAmount;
  if (!same) {
    throw refuse(
      VoucherErrors.PRICE_CHANGED,
      `${product.sku} is priced differently since version ${quoted.version}`,
    );
  }
}

/** Validates a sale request against the catalog and prices it; a refusal is a DomainError, never recorded. */
export function priceSale(request: CreateSaleRequest, catalog: Catalog, quoted?: Catalog): PricedSale {
  const product = catalog.products.get(request.sku);
  if (!product) throw refuse(VoucherErrors.UNKNOWN_PRODUCT, `no product ${request.sku}`);
  if (product.currency !== request.seller.currency) {
    throw refuse(VoucherErrors.CURRENCY_MISMATCH, `${product.sku} is sold in ${product.currency} only`);
  }
  if (quoted && quoted.version !== catalog.version) checkQuote(product, quoted);
  const account = accountOf(product, request.account);
  const amount = amountOf(product, request.amount);
  const { cost, commission } = priceOf(amount, product.commissionBps);
  return {
    product,
    catalogVersion: catalog.version,
    account,
    amount,
    cost,
    commission,
    requestHash: requestHash(request),
  };
}
