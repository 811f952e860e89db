import {
  AuthErrors,
  GatewayErrors,
  LedgerErrors,
  MessagingErrors,
  type AuthErrorCode,
  type GatewayErrorCode,
  type LedgerErrorCode,
  type MessagingErrorCode,
} from '@tillpoint/contracts';

/** Every error code the gateway can meet: a new code that is not mapped below fails to compile. */
export type KnownCode = AuthErrorCode | LedgerErrorCode | MessagingErrorCode | GatewayErrorCode;

export interface ProblemKind {
  status: number;
  /** The stable last part of the problem's `type` URI. */
  slug: string;
  title: string;
}

export const PROBLEM_BASE = 'https://tillpoint.dev/problems/';

const KNOWN = new Set<string>(
  [AuthErrors, LedgerErrors, MessagingErrors, GatewayErrors].flatMap((codes) => Object.values(codes)),
);

export const isKnownCode = (code: string): code is KnownCode => KNOWN.has(code);

const p = (status: number, slug: string, title: string): ProblemKind => ({ status, slug, title });

/** The HTTP answer to each code; titles say what happened, never which part of a credential was wrong. */
export function problemFor(code: KnownCode): ProblemKind {
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
