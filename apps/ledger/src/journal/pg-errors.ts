import { DomainError, LedgerErrors } from '@tillpoint/contracts';

const CHECK_VIOLATION = '23514';
const NUMERIC_OUT_OF_RANGE = '22003';

/** Turns the database's own guards into the ledger's refusals; anything else stays an unknown failure. */
export function translatePgError(error: unknown): unknown {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code === CHECK_VIOLATION && constraint === 'float_within_limit') {
    return new DomainError(LedgerErrors.INSUFFICIENT_FUNDS, 'the float does not cover this amount');
  }
  if (code === NUMERIC_OUT_OF_RANGE) {
    return new DomainError(
      LedgerErrors.AMOUNT_OUT_OF_RANGE,
      'the result would not fit a bigint of minor units',
    );
  }
  return error;
}
