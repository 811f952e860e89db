import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// The terminal request-signing scheme: produced by POS terminals (and the pos client), checked by the
// gateway. Every POS request carries these headers; the signature is an HMAC-SHA256, keyed by the device
// secret, over the method, path, timestamp, nonce and the SHA-256 of the body.
export const SigningHeaders = {
  deviceId: 'x-device-id',
  /** Milliseconds since the epoch, when the terminal signed the request. */
  timestamp: 'x-timestamp',
  /** Unique per request: 16 to 64 characters of [A-Za-z0-9_-]. */
  nonce: 'x-nonce',
  /** base64url of the HMAC. */
  signature: 'x-signature',
} as const;

export interface SignedParts {
  method: string;
  /** The path with its query string, exactly as sent. */
  path: string;
  timestamp: string;
  nonce: string;
  body: Buffer | string;
}

/** The exact text that is signed: one field a line, the body by its SHA-256 (hex). */
export function canonicalRequest(parts: SignedParts): string {
  const bodyHash = createHash('sha256').update(parts.body).digest('hex');
  return [parts.method.toUpperCase(), parts.path, parts.timestamp, parts.nonce, bodyHash].join('\n');
}

/** The signature a terminal sends, given its secret. */
export function signRequest(secret: string, parts: SignedParts): string {
  return createHmac('sha256', secret).update(canonicalRequest(parts)).digest('base64url');
}

/** True when `signature` is this request's, compared in constant time. */
export function signatureMatches(secret: string, parts: SignedParts, signature: string): boolean {
  const expected = Buffer.from(signRequest(secret, parts));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
