// Wire codes: produced by the voucher service, consumed by the gateway (mapped to problem types) and the
// tests. Refusals (the request is not recorded) and the failure codes of a recorded FAILED sale.
export const VoucherErrors = {
  // Refusals of a sale request: nothing is recorded.
  UNKNOWN_PRODUCT: 'VOUCHER.UNKNOWN_PRODUCT',
  /** The product is not sold in the dealer's float currency. */
  CURRENCY_MISMATCH: 'VOUCHER.CURRENCY_MISMATCH',
  /** Not a valid mobile number of the operator's country, or not the biller's account pattern. */
  INVALID_ACCOUNT: 'VOUCHER.INVALID_ACCOUNT',
  AMOUNT_OUT_OF_RANGE: 'VOUCHER.AMOUNT_OUT_OF_RANGE',
  /** The amount is not a whole number of minor units. */
  AMOUNT_NOT_WHOLE: 'VOUCHER.AMOUNT_NOT_WHOLE',
  UNKNOWN_CATALOG_VERSION: 'VOUCHER.UNKNOWN_CATALOG_VERSION',
  /** The terminal quoted a catalog version whose price or commission differs from today's. */
  PRICE_CHANGED: 'VOUCHER.PRICE_CHANGED',
  /** The same (terminal, client reference) was used before with another request. */
  IDEMPOTENCY_CONFLICT: 'VOUCHER.IDEMPOTENCY_CONFLICT',
  /** The principal may not do this (wrong role, or another terminal's sale context). */
  FORBIDDEN: 'VOUCHER.FORBIDDEN',
  // Advices and enquiries.
  SALE_NOT_FOUND: 'VOUCHER.SALE_NOT_FOUND',
  /** Confirm of a sale that is not COMPLETED (or CONFIRMED already). */
  NOT_CONFIRMABLE: 'VOUCHER.NOT_CONFIRMABLE',
  /** Reverse of a sale that is not a COMPLETED, unconfirmed PIN sale. */
  NOT_REVERSIBLE: 'VOUCHER.NOT_REVERSIBLE',
  /** Reverse more than the window (10 minutes) after completion. */
  REVERSAL_WINDOW_CLOSED: 'VOUCHER.REVERSAL_WINDOW_CLOSED',
  /** The ledger could not be reached in time: the advice may be sent again. */
  TRY_AGAIN: 'VOUCHER.TRY_AGAIN',
  // Catalog and stock.
  CATALOG_INVALID: 'VOUCHER.CATALOG_INVALID',
  /** A stock batch refused whole; `details.errors` names the rows (capped), `details.errorCount` counts them. */
  BATCH_REFUSED: 'VOUCHER.BATCH_REFUSED',
  /** Release of a PIN that is not quarantined (or not the operator's). */
  PIN_NOT_QUARANTINED: 'VOUCHER.PIN_NOT_QUARANTINED',
  // Failure codes of a recorded sale in state FAILED.
  INSUFFICIENT_FLOAT: 'VOUCHER.INSUFFICIENT_FLOAT',
  OUT_OF_STOCK: 'VOUCHER.OUT_OF_STOCK',
  OPERATOR_DECLINED: 'VOUCHER.OPERATOR_DECLINED',
  /** The dealer has no float account in the ledger. */
  NO_FLOAT: 'VOUCHER.NO_FLOAT',
  /** The sale did not finish (a crash, a lost hold) and was compensated. */
  ABANDONED: 'VOUCHER.ABANDONED',
} as const;
export type VoucherErrorCode = (typeof VoucherErrors)[keyof typeof VoucherErrors];

/** Why one row of a stock batch is refused; each row error carries one. */
export const StockRowErrors = {
  BAD_HEADER: 'STOCK.BAD_HEADER',
  EMPTY_BATCH: 'STOCK.EMPTY_BATCH',
  BAD_COLUMNS: 'STOCK.BAD_COLUMNS',
  BAD_SERIAL: 'STOCK.BAD_SERIAL',
  EMPTY_PIN: 'STOCK.EMPTY_PIN',
  /** Not 4 to 32 digits. */
  BAD_PIN: 'STOCK.BAD_PIN',
  BAD_DATE: 'STOCK.BAD_DATE',
  EXPIRED: 'STOCK.EXPIRED',
  DUPLICATE_SERIAL: 'STOCK.DUPLICATE_SERIAL',
  DUPLICATE_PIN: 'STOCK.DUPLICATE_PIN',
  SERIAL_IN_STOCK: 'STOCK.SERIAL_IN_STOCK',
  PIN_IN_STOCK: 'STOCK.PIN_IN_STOCK',
  TRAILER_MISMATCH: 'STOCK.TRAILER_MISMATCH',
  FACE_VALUE_MISMATCH: 'STOCK.FACE_VALUE_MISMATCH',
  /** The batch's product is unknown, not a PIN product, or not the uploader's operator's. */
  BAD_PRODUCT: 'STOCK.BAD_PRODUCT',
} as const;
export type StockRowErrorCode = (typeof StockRowErrors)[keyof typeof StockRowErrors];
