// Wire codes: produced by the ledger service, consumed by its callers (voucher, the gateway's admin API).
export const LedgerErrors = {
  /** The float's available balance (posted less held plus credit limit) does not cover the amount. */
  INSUFFICIENT_FUNDS: 'LEDGER.INSUFFICIENT_FUNDS',
  ACCOUNT_NOT_FOUND: 'LEDGER.ACCOUNT_NOT_FOUND',
  /** An account with this code exists with another currency or kind. */
  ACCOUNT_CONFLICT: 'LEDGER.ACCOUNT_CONFLICT',
  /** The legs do not sum to zero per currency, name an account twice, or mix a leg's currency. */
  UNBALANCED: 'LEDGER.UNBALANCED',
  CURRENCY_MISMATCH: 'LEDGER.CURRENCY_MISMATCH',
  /** The transfer (or hold) id was used before with other legs or amounts. */
  IDEMPOTENCY_CONFLICT: 'LEDGER.IDEMPOTENCY_CONFLICT',
  HOLD_NOT_FOUND: 'LEDGER.HOLD_NOT_FOUND',
  /** The hold is no longer open: captured, voided or expired. */
  HOLD_NOT_OPEN: 'LEDGER.HOLD_NOT_OPEN',
  /** A capture takes more from the float than the hold reserved. */
  CAPTURE_EXCEEDS_HOLD: 'LEDGER.CAPTURE_EXCEEDS_HOLD',
  /** A result would not fit the bigint column. */
  AMOUNT_OUT_OF_RANGE: 'LEDGER.AMOUNT_OUT_OF_RANGE',
} as const;
export type LedgerErrorCode = (typeof LedgerErrors)[keyof typeof LedgerErrors];
