import { Injectable } from '@nestjs/common';
import { AuthErrors, signatureMatches, SigningHeaders, type AuthErrorCode } from '@tillpoint/contracts';
import { NonceStore } from './nonce-store';

/** How far a terminal's clock may be from ours. */
export const MAX_SKEW_MS = 60_000;
/** Kept past the window on both sides, so a replay can never outlive its nonce. */
const NONCE_KEEP_MS = 2 * MAX_SKEW_MS + 10_000;
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;
const DEVICE = /^[A-Za-z0-9_-]{1,64}$/;

export interface IncomingRequest {
  method: string;
  /** Path and query, exactly as received. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

export type Verdict = { ok: true; deviceId: string } | { ok: false; code: AuthErrorCode };

/** Claims a device's nonce for `keepMs`: true the first time it is shown, false for a replay. */
export type NonceClaim = (deviceId: string, nonce: string, keepMs: number) => Promise<boolean>;

/** Finds the secret of an activated, unblocked terminal; undefined for anything else. */
export type SecretLookup = (deviceId: string) => Promise<string | undefined>;

/**
 * Checks a terminal's signed request: well-formed headers, a timestamp within a minute, a known device,
 * its signature, and only then a nonce it has not used (so that a forger cannot use up real nonces).
 * Refusals carry a code and nothing that helps an attacker tell which part was wrong beyond it. The nonce
 * is claimed in the shared store unless the caller claims it itself (with more in the same round trip).
 */
@Injectable()
export class RequestVerifier {
  constructor(private readonly nonces: NonceStore) {}

  async verify(
    request: IncomingRequest,
    lookup: SecretLookup,
    now = Date.now(),
    claim: NonceClaim = (deviceId, nonce, keepMs) => this.nonces.claim(deviceId, nonce, keepMs),
  ): Promise<Verdict> {
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const deviceId = header(SigningHeaders.deviceId);
    const timestamp = header(SigningHeaders.timestamp);
    const nonce = header(SigningHeaders.nonce);
    const signature = header(SigningHeaders.signature);
    if (!deviceId || !DEVICE.test(deviceId) || !timestamp || !/^\d{1,15}$/.test(timestamp)) {
      return { ok: false, code: AuthErrors.SIGNATURE_MISSING };
    }
    if (!nonce || !NONCE.test(nonce) || !signature || signature.length > 100) {
      return { ok: false, code: AuthErrors.SIGNATURE_MISSING };
    }
    if (Math.abs(now - Number(timestamp)) > MAX_SKEW_MS) return { ok: false, code: AuthErrors.STALE_REQUEST };
    const secret = await lookup(deviceId);
    if (!secret) return { ok: false, code: AuthErrors.UNKNOWN_DEVICE };
    const parts = { method: request.method, path: request.path, timestamp, nonce, body: request.rawBody };
    if (!signatureMatches(secret, parts, signature)) return { ok: false, code: AuthErrors.BAD_SIGNATURE };
    if (!(await claim(deviceId, nonce, NONCE_KEEP_MS))) {
      return { ok: false, code: AuthErrors.REPLAYED_NONCE };
    }
    return { ok: true, deviceId };
  }
}
