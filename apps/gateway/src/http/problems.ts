import {
  AuthErrors,
  GatewayErrors,
  LedgerErrors,
  MessagingErrors,
  NotificationErrors,
  VoucherErrors,
  type AuthErrorCode,
  type GatewayErrorCode,
  type LedgerErrorCode,
  type MessagingErrorCode,
  type NotificationErrorCode,
  type VoucherErrorCode,
} from '@tillpoint/contracts';

/** Every error code the gateway can meet. */
export type KnownCode =
  | AuthErrorCode
  | LedgerErrorCode
  | MessagingErrorCode
  | GatewayErrorCode
  | VoucherErrorCode
  | NotificationErrorCode;

/** Every code family the gateway maps, for the set below and the spec. */
export const CODE_FAMILIES = [
  AuthErrors,
  LedgerErrors,
  MessagingErrors,
  GatewayErrors,
  VoucherErrors,
  NotificationErrors,
] as const;

export interface ProblemKind {
  status: number;
  /** The stable last part of the problem's `type` URI. */
  slug: string;
  title: string;
}

export const PROBLEM_BASE = 'https://tillpoint.dev/problems/';

const KNOWN = new Set<string>(CODE_FAMILIES.flatMap((codes) => Object.values(codes)));

export const isKnownCode = (code: string): code is KnownCode => KNOWN.has(code);

const p = (status: number, slug: string, title: string): ProblemKind => ({ status, slug, title });

/** The HTTP answer to each code; titles say what happened, never which part of a credential was wrong. */
export function problemFor(code: KnownCode): ProblemKind {
  if (isVoucherCode(code)) return voucherProblem(code);
  if (isNotificationCode(code)) return notificationsProblem(code);
  return platformProblem(code);
}

type PlatformCode = AuthErrorCode | LedgerErrorCode | MessagingErrorCode | GatewayErrorCode;

const isVoucherCode = (code: KnownCode): code is VoucherErrorCode => code.startsWith('VOUCHER.');
const isNotificationCode = (code: KnownCode): code is NotificationErrorCode =>
  code.startsWith('NOTIFICATIONS.');

/** Each switch below is exhaustive over its family: a new code that is not mapped fails to compile. */
function platformProblem(code: PlatformCode): ProblemKind {
  switch (code) {
    // Auth
    case AuthErrors.SIGNATURE_MISSING:
      return p(401, 'signature-missing', 'The request is not signed as a terminal request must be');
    case AuthErrors.UNKNOWN_DEVICE:
      return p(401, 'unknown-device', 'The device is not an active terminal');
    case AuthErrors.BAD_SIGNATURE:
      return p(401, 'bad-signature', 'The request signature does not verify');
    case AuthErrors.STALE_REQUEST:
      return p(401, 'stale-request', "The request's timestamp is too far from the server's clock");
    case AuthErrors.REPLAYED_NONCE:
      return p(401, 'replayed-request', 'The request was already received');
    case AuthErrors.INVALID_CREDENTIALS:
      return p(401, 'invalid-credentials', 'The credentials are not valid');
    case AuthErrors.LOCKED:
      return p(403, 'locked', 'Too many failed attempts: try again later');
    case AuthErrors.ACTIVATION_INVALID:
      return p(401, 'activation-refused', 'The activation was refused');
    case AuthErrors.TOKEN_INVALID:
      return p(401, 'invalid-token', 'No valid session token');
    case AuthErrors.TOKEN_EXPIRED:
      return p(401, 'token-expired', 'The session has expired');
    case AuthErrors.SESSION_REVOKED:
      return p(401, 'session-revoked', 'The session is no longer valid');
    case AuthErrors.FORBIDDEN:
      return p(403, 'forbidden', 'Not allowed');
    case AuthErrors.NOT_FOUND:
      return p(404, 'not-found', 'No such record');
    case AuthErrors.CONFLICT:
      return p(409, 'conflict', 'The record exists with other details');
    case AuthErrors.INVALID_REFERENCE:
      return p(422, 'invalid-reference', 'A record it refers to does not exist or does not fit');
    // Ledger
    case LedgerErrors.INSUFFICIENT_FUNDS:
      return p(422, 'insufficient-funds', 'The float does not cover the amount');
    case LedgerErrors.ACCOUNT_NOT_FOUND:
      return p(404, 'account-not-found', 'No such account');
    case LedgerErrors.ACCOUNT_CONFLICT:
      return p(409, 'account-conflict', 'The account exists with another currency or kind');
    case LedgerErrors.UNBALANCED:
      return p(422, 'unbalanced', 'The transfer does not balance');
    case LedgerErrors.CURRENCY_MISMATCH:
      return p(422, 'currency-mismatch', 'The currencies do not match');
    case LedgerErrors.IDEMPOTENCY_CONFLICT:
      return p(409, 'idempotency-conflict', 'The id was used before for another request');
    case LedgerErrors.HOLD_NOT_FOUND:
      return p(404, 'hold-not-found', 'No such hold');
    case LedgerErrors.HOLD_NOT_OPEN:
      return p(409, 'hold-not-open', 'The hold is no longer open');
    case LedgerErrors.CAPTURE_EXCEEDS_HOLD:
      return p(422, 'capture-exceeds-hold', 'The capture exceeds the hold');
    case LedgerErrors.AMOUNT_OUT_OF_RANGE:
      return p(422, 'amount-out-of-range', 'The amount is out of range');
    // Messaging: our failures, not the caller's
    case MessagingErrors.TIMEOUT:
      return p(504, 'upstream-timeout', 'A service did not answer in time');
    case MessagingErrors.UNAVAILABLE:
    case MessagingErrors.NO_ROUTE:
      return p(503, 'service-unavailable', 'A service is not available');
    case MessagingErrors.INVALID:
    case MessagingErrors.FAILED:
      return p(502, 'upstream-failed', 'A service could not process the request');
    // Gateway
    case GatewayErrors.INVALID_REQUEST:
      return p(400, 'invalid-request', 'The request is not valid');
    case GatewayErrors.MALFORMED_JSON:
      return p(400, 'malformed-json', 'The body is not valid JSON');
    case GatewayErrors.PAYLOAD_TOO_LARGE:
      return p(413, 'payload-too-large', 'The body is larger than 1 MB');
    case GatewayErrors.UNSUPPORTED_MEDIA_TYPE:
      return p(415, 'unsupported-media-type', 'The body is not of a type this route takes');
    case GatewayErrors.ROUTE_NOT_FOUND:
      return p(404, 'route-not-found', 'No such route');
    case GatewayErrors.RATE_LIMITED:
      return p(429, 'rate-limited', 'Too many requests: try again later');
    case GatewayErrors.UNAVAILABLE:
      return p(503, 'service-unavailable', 'A service is not available');
    case GatewayErrors.INTERNAL:
      return p(500, 'internal', 'Something went wrong on our side');
  }
}

/** Voucher's refusals and the failure codes of a recorded FAILED sale (answered with the sale). */
function voucherProblem(code: VoucherErrorCode): ProblemKind {
  switch (code) {
    case VoucherErrors.UNKNOWN_PRODUCT:
      return p(422, 'unknown-product', 'No such product');
    case VoucherErrors.CURRENCY_MISMATCH:
      return p(422, 'wrong-currency', "The product is not sold in the dealer's currency");
    case VoucherErrors.INVALID_ACCOUNT:
      return p(422, 'invalid-account', 'The phone number or account is not valid for this product');
    case VoucherErrors.AMOUNT_OUT_OF_RANGE:
      return p(422, 'sale-amount-out-of-range', "The amount is outside the product's range");
    case VoucherErrors.AMOUNT_NOT_WHOLE:
      return p(422, 'amount-not-whole', 'The amount is not a whole number of minor units');
    case VoucherErrors.UNKNOWN_CATALOG_VERSION:
      return p(422, 'unknown-catalog-version', 'No such catalog version');
    case VoucherErrors.PRICE_CHANGED:
      return p(409, 'price-changed', 'The price changed since that catalog version');
    case VoucherErrors.IDEMPOTENCY_CONFLICT:
      return p(409, 'client-ref-conflict', 'The client reference was used for another request');
    case VoucherErrors.FORBIDDEN:
      return p(403, 'forbidden', 'Not allowed');
    case VoucherErrors.SALE_NOT_FOUND:
      return p(404, 'sale-not-found', 'No such sale');
    case VoucherErrors.NOT_CONFIRMABLE:
    case VoucherErrors.NOT_REVERSIBLE:
    case VoucherErrors.REVERSAL_WINDOW_CLOSED:
      return p(409, 'advice-refused', 'The sale cannot take this advice');
    case VoucherErrors.TRY_AGAIN:
      return p(503, 'try-again', 'The advice could not be applied now: send it again');
    case VoucherErrors.CATALOG_INVALID:
      return p(422, 'catalog-invalid', 'The catalog is not valid');
    case VoucherErrors.BATCH_REFUSED:
      return p(422, 'stock-batch-refused', 'The stock batch is refused');
    case VoucherErrors.PIN_NOT_QUARANTINED:
      return p(409, 'pin-not-quarantined', 'The PIN is not quarantined');
    case VoucherErrors.INSUFFICIENT_FLOAT:
      return p(402, 'insufficient-float', "The dealer's float does not cover the sale");
    case VoucherErrors.OUT_OF_STOCK:
      return p(409, 'out-of-stock', 'The product is out of stock');
    case VoucherErrors.OPERATOR_DECLINED:
      return p(422, 'operator-declined', 'The operator declined the sale');
    case VoucherErrors.NO_FLOAT:
      return p(422, 'no-float', 'The dealer has no float');
    case VoucherErrors.ABANDONED:
      // Our failure (a crash, a lost hold), compensated: the terminal may sell again under a new reference.
      return p(503, 'sale-abandoned', 'The sale could not be finished and was undone');
  }
}

function notificationsProblem(code: NotificationErrorCode): ProblemKind {
  switch (code) {
    case NotificationErrors.RECEIPT_NOT_FOUND:
      return p(404, 'receipt-not-found', 'No such receipt');
    case NotificationErrors.SUBSCRIPTION_NOT_FOUND:
      return p(404, 'subscription-not-found', 'No such subscription');
    case NotificationErrors.DELIVERY_NOT_FOUND:
      return p(404, 'delivery-not-found', 'No such delivery');
    case NotificationErrors.INVALID_URL:
      return p(422, 'invalid-url', 'The webhook URL is not an absolute http(s) URL');
    case NotificationErrors.INVALID_EVENTS:
      return p(422, 'invalid-events', 'The events cannot be subscribed to by this owner');
    case NotificationErrors.OWNER_REQUIRED:
      return p(422, 'owner-required', 'The subscription needs exactly one owner');
    case NotificationErrors.PIN_UNREADABLE:
      return p(500, 'pin-unreadable', 'The receipt cannot be opened');
    case NotificationErrors.DELIVERY_NOT_PARKED:
      return p(409, 'delivery-not-parked', 'Only a parked delivery can be sent again');
  }
}
