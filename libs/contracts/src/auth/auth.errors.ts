// Wire codes: produced by the gateway's terminal and session checks and by the auth service; mapped by the
// gateway to 401/403/404/409/429 problems. Refusals never say which part of a credential was wrong.
export const AuthErrors = {
  /** A POS request without the device id, timestamp, nonce or signature headers, or with malformed ones. */
  SIGNATURE_MISSING: 'AUTH.SIGNATURE_MISSING',
  /** No activated terminal has this device id (or it is blocked). */
  UNKNOWN_DEVICE: 'AUTH.UNKNOWN_DEVICE',
  BAD_SIGNATURE: 'AUTH.BAD_SIGNATURE',
  /** The timestamp is more than the allowed skew from the gateway's clock. */
  STALE_REQUEST: 'AUTH.STALE_REQUEST',
  /** The nonce was seen before from this device: a replay. */
  REPLAYED_NONCE: 'AUTH.REPLAYED_NONCE',
  /** Unknown cashier or user, wrong PIN or password: one answer for all, so ids cannot be probed. */
  INVALID_CREDENTIALS: 'AUTH.INVALID_CREDENTIALS',
  /** Too many wrong PINs or passwords: refused until the lockout ends. */
  LOCKED: 'AUTH.LOCKED',
  /** The activation code is unknown, used, expired or not this serial's. */
  ACTIVATION_INVALID: 'AUTH.ACTIVATION_INVALID',
  /** No session token, or one that does not verify (signature, issuer, claims). */
  TOKEN_INVALID: 'AUTH.TOKEN_INVALID',
  TOKEN_EXPIRED: 'AUTH.TOKEN_EXPIRED',
  /** The session was ended, its terminal blocked or its cashier locked, or it is not the signing device's. */
  SESSION_REVOKED: 'AUTH.SESSION_REVOKED',
  /** The principal's role or scope does not cover this record or action. */
  FORBIDDEN: 'AUTH.FORBIDDEN',
  NOT_FOUND: 'AUTH.NOT_FOUND',
  /** The id exists with another body (an idempotent create retried with different data), or a unique clash. */
  CONFLICT: 'AUTH.CONFLICT',
  /** The parent dealer, operator or dealer named does not exist (or the tree would be too deep). */
  INVALID_REFERENCE: 'AUTH.INVALID_REFERENCE',
} as const;
export type AuthErrorCode = (typeof AuthErrors)[keyof typeof AuthErrors];
