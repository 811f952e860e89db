// Wire codes: produced by the gateway's terminal checks (and later the auth service), mapped to 401/403/429.
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
} as const;
export type AuthErrorCode = (typeof AuthErrors)[keyof typeof AuthErrors];
