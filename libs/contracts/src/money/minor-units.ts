import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import cc from 'currency-codes';

/** The largest amount a `bigint` column holds: every amount must fit. */
export const MAX_MINOR_UNITS = 9_223_372_036_854_775_807n;

const DIGITS = /^-?(0|[1-9][0-9]*)$/;

/**
 * Reads an amount of minor units from JSON: a string of digits (how we send money) or a whole JSON
 * number (accepted on input). Anything else (a fraction, an exponent, text, an unsafe number) is
 * undefined: it is refused, never rounded.
 */
export function parseMinorUnits(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : undefined;
  if (typeof value === 'string' && value.length <= 20 && DIGITS.test(value)) return BigInt(value);
  return undefined;
}

export type AmountSign = 'positive' | 'non-negative' | 'signed';

function withinSign(amount: bigint, sign: AmountSign): boolean {
  if (sign === 'positive') return amount > 0n;
  if (sign === 'non-negative') return amount >= 0n;
  return amount !== 0n;
}

/**
 * A money field: arrives as a string of digits (or a JSON integer), becomes a `bigint`, and must fit a
 * bigint column with the given sign ('signed' means any non-zero amount).
 */
export function MinorUnits(sign: AmountSign = 'positive', options?: ValidationOptions): PropertyDecorator {
  const toBigInt = Transform(({ value }: { value: unknown }) => parseMinorUnits(value) ?? value, {
    toClassOnly: true,
  });
  return (target: object, property: string | symbol) => {
    toBigInt(target, property);
    registerDecorator({
      name: 'minorUnits',
      target: target.constructor,
      propertyName: property as string,
      constraints: [sign],
      options: {
        message: ({ property: p }: ValidationArguments) =>
          `${p} must be a whole number of minor units (a string of digits), ${sign}, within the bigint range`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'bigint' &&
          withinSign(value, sign) &&
          value <= MAX_MINOR_UNITS &&
          value >= -MAX_MINOR_UNITS,
      },
    });
  };
}

/** A currency's minor-unit exponent from ISO 4217 (JPY 0, KWD 3, most 2); undefined if not a currency. */
export function currencyExponent(currency: string): number | undefined {
  const found = /^[A-Z]{3}$/.test(currency) ? cc.code(currency) : undefined;
  // ISO 4217 also lists funds and metals (XAU, XDR...) and "no currency" (XXX): not money we hold.
  if (!found || currency.startsWith('X')) return undefined;
  return found.digits;
}

/** An ISO 4217 currency code we can hold money in. */
export function IsCurrency(options?: ValidationOptions): PropertyDecorator {
  return (target: object, property: string | symbol) =>
    registerDecorator({
      name: 'isCurrency',
      target: target.constructor,
      propertyName: property as string,
      options: {
        message: ({ property: p }: ValidationArguments) => `${p} must be an ISO 4217 currency code`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && currencyExponent(value) !== undefined,
      },
    });
}

/** Minor units as a decimal in major units, by the currency's exponent: 12345n KWD is "12.345". */
export function formatMajor(amount: bigint, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) throw new Error(`unknown currency ${currency}`);
  const sign = amount < 0n ? '-' : '';
  const digits = (amount < 0n ? -amount : amount).toString().padStart(exponent + 1, '0');
  return exponent === 0
    ? `${sign}${digits}`
    : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** A decimal in major units to minor units; refuses more decimals than the currency has. */
export function parseMajor(text: string, currency: string): bigint {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) throw new Error(`unknown currency ${currency}`);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match || (match[3]?.length ?? 0) > exponent) {
    throw new Error(`${text} is not an amount of ${currency} (${exponent} decimals at most)`);
  }
  const [, sign, whole, fraction = ''] = match;
  const minor = BigInt(whole + fraction.padEnd(exponent, '0'));
  return sign ? -minor : minor;
}

/** JSON for the wire and the database: money (bigint) travels as a string of digits. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
