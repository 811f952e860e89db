import type { AccountKind, AccountView } from '@tillpoint/contracts';

/** An `accounts` row as pg returns it (bigint columns arrive as strings). */
export interface AccountRow {
  id: string;
  code: string;
  kind: AccountKind;
  owner: string | null;
  currency: string;
  balance: string;
  held: string;
  credit_limit: string;
  low_float_threshold: string | null;
}

export const ACCOUNT_COLUMNS =
  'id, code, kind, owner, currency, balance, held, credit_limit, low_float_threshold';

/** Only dealer floats keep their balance on the row; the rest are the sum of their entries. */
export function tracksBalance(kind: AccountKind): boolean {
  return kind === 'float';
}

/** Posted less held plus the credit limit: what a float can still be debited. */
export function available(row: AccountRow, posted = BigInt(row.balance)): bigint {
  return posted - BigInt(row.held) + BigInt(row.credit_limit);
}

export function toView(row: AccountRow, posted: bigint): AccountView {
  return {
    code: row.code,
    kind: row.kind,
    owner: row.owner,
    currency: row.currency,
    posted: posted.toString(),
    held: row.held,
    available: (posted - BigInt(row.held) + BigInt(row.credit_limit)).toString(),
    creditLimit: row.credit_limit,
    lowFloatThreshold: row.low_float_threshold,
  };
}
