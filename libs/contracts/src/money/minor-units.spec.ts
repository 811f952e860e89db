import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  currencyExponent,
  formatMajor,
  MAX_MINOR_UNITS,
  MinorUnits,
  parseMajor,
  parseMinorUnits,
} from './minor-units';

class Payment {
  @MinorUnits('positive')
  amount: bigint;
}

class Correction {
  @MinorUnits('signed')
  amount: bigint;
}

const check = <T extends object>(cls: new () => T, body: object) => {
  const value = plainToInstance(cls, body);
  return { value, errors: validateSync(value) };
};

describe('minor units', () => {
  it('takes a string of digits or a JSON integer, as a bigint', () => {
    expect(check(Payment, { amount: '1500' }).value.amount).toBe(1500n);
    expect(check(Payment, { amount: 1500 }).value.amount).toBe(1500n);
  });

  it('round-trips an amount beyond 2^53 exactly', () => {
    const big = 2n ** 60n + 7n;
    const { value, errors } = check(Payment, { amount: big.toString() });
    expect(errors).toEqual([]);
    expect(value.amount).toBe(big);
    expect(JSON.stringify({ amount: value.amount.toString() })).toContain('1152921504606846983');
  });

  it.each([
    ['a fraction', 12.5],
    ['a fraction as text', '12.5'],
    ['an exponent', '1e3'],
    ['an unsafe JSON number', 2 ** 60],
    ['negative where it must be positive', '-5'],
    ['zero where it must be positive', '0'],
    ['beyond the bigint column', (MAX_MINOR_UNITS + 1n).toString()],
    ['text', 'ten'],
    ['a leading zero', '012'],
    ['nothing', undefined],
  ])('refuses %s, never rounding it', (_why, amount) => {
    expect(check(Payment, { amount }).errors).not.toEqual([]);
  });

  it('lets a correction be negative but not zero', () => {
    expect(check(Correction, { amount: '-250' }).value.amount).toBe(-250n);
    expect(check(Correction, { amount: '0' }).errors).not.toEqual([]);
  });

  it('parses only whole numbers', () => {
    expect(parseMinorUnits('-42')).toBe(-42n);
    expect(parseMinorUnits('4.2')).toBeUndefined();
    expect(parseMinorUnits(Number.MAX_SAFE_INTEGER + 1)).toBeUndefined();
  });
});

describe('currency exponents', () => {
  it('come from ISO 4217: JPY 0, KWD 3, KES 2', () => {
    expect([currencyExponent('JPY'), currencyExponent('KWD'), currencyExponent('KES')]).toEqual([0, 3, 2]);
    expect(currencyExponent('XXX')).toBeUndefined();
    expect(currencyExponent('ABC')).toBeUndefined();
  });

  it('format and parse major units by the exponent', () => {
    expect(formatMajor(12345n, 'KWD')).toBe('12.345');
    expect(formatMajor(3000n, 'JPY')).toBe('3000');
    expect(formatMajor(-5n, 'KES')).toBe('-0.05');
    expect(parseMajor('12.345', 'KWD')).toBe(12345n);
    expect(parseMajor('2.5', 'KWD')).toBe(2500n);
    expect(parseMajor('3000', 'JPY')).toBe(3000n);
    expect(() => parseMajor('30.5', 'JPY')).toThrow(/0 decimals/);
    expect(() => parseMajor('1.2345', 'KWD')).toThrow(/3 decimals/);
  });
});
