import { Injectable } from '@nestjs/common';
import {
  SESSION_AUDIENCE,
  SESSION_ISSUER,
  type Principal,
  type PublicJwk,
  type SessionClaims,
} from '@tillpoint/contracts';
import { SignJWT } from 'jose';
import { createPrivateKey, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { AuthConfig } from '../config/auth.config';

/** Parses `AUTH_SIGNING_KEY` (`kid:base64 PKCS#8 DER`); the error names the setting, never the key. */
export function parseSigningKey(value: string): { kid: string; key: KeyObject } {
  const at = value.indexOf(':');
  try {
    const key = createPrivateKey({
      key: Buffer.from(value.slice(at + 1), 'base64'),
      format: 'der',
      type: 'pkcs8',
    });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not Ed25519');
    return { kid: value.slice(0, at), key };
  } catch {
    throw new Error('AUTH_SIGNING_KEY must be kid:base64 of an Ed25519 PKCS#8 key');
  }
}

/** Signs session tokens (EdDSA) with the key every auth instance shares, and publishes its public half. */
@Injectable()
export class TokenIssuer {
  private readonly kid: string;
  private readonly key: KeyObject;
  private readonly publicJwk: PublicJwk;

  constructor(private readonly config: AuthConfig) {
    ({ kid: this.kid, key: this.key } = parseSigningKey(config.signingKey));
    const jwk = createPublicKey(this.key).export({ format: 'jwk' });
    this.publicJwk = { kty: jwk.kty!, crv: jwk.crv!, x: jwk.x!, kid: this.kid, alg: 'EdDSA', use: 'sig' };
  }

  get keys(): PublicJwk[] {
    return [this.publicJwk];
  }

  async issue(
    principal: Principal,
    extra: Partial<SessionClaims> = {},
  ): Promise<{ token: string; expiresAt: string }> {
    const exp = Math.floor(Date.now() / 1000) + this.config.sessionTtlS;
    const claims: SessionClaims = {
      role: principal.role,
      operatorId: principal.operatorId,
      dealerId: principal.dealerId,
      dealerPath: principal.dealerPath,
      terminalId: principal.terminalId,
      ...extra,
    };
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.kid, typ: 'JWT' })
      .setIssuer(SESSION_ISSUER)
      .setAudience(SESSION_AUDIENCE)
      .setSubject(principal.subject)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }
}
