import { Inject, Injectable } from '@nestjs/common';
import {
  AuthErrors,
  DomainError,
  isDomainError,
  ROLES,
  SESSION_AUDIENCE,
  SESSION_ISSUER,
  type Principal,
  type SellerContext,
  type SessionClaims,
} from '@tillpoint/contracts';
import type Redis from 'ioredis';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { REDIS } from '../redis/redis.module';
import { KeyRing } from './key-ring';
import { Revocations } from './revocations';

export interface Session {
  principal: Principal;
  /** Terminal sessions only. */
  seller?: SellerContext;
  jti: string;
  /** Epoch seconds. */
  exp: number;
}

const endedKey = (jti: string) => `tp:session-ended:${jti}`;

/** Checks a session token locally: auth's signature and claims, then blocks, lockouts and logouts. */
@Injectable()
export class SessionVerifier {
  constructor(
    private readonly keys: KeyRing,
    private readonly revocations: Revocations,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async verify(token: string): Promise<Session> {
    const session = toSession(await this.verifySignature(token));
    const { principal } = session;
    if (principal.role === 'terminal') {
      if (
        this.revocations.isTerminalBlocked(principal.terminalId!) ||
        this.revocations.isCashierLocked(principal.subject)
      ) {
        throw new DomainError(AuthErrors.SESSION_REVOKED, 'revoked');
      }
    }
    if ((await this.redis.exists(endedKey(session.jti))) > 0)
      throw new DomainError(AuthErrors.SESSION_REVOKED, 'ended');
    return session;
  }

  /** Ends a session for every replica, until it would have expired anyway. */
  async end(session: Session): Promise<void> {
    const ttlMs = Math.max(1000, session.exp * 1000 - Date.now());
    await this.redis.set(endedKey(session.jti), '1', 'PX', ttlMs);
  }

  private async verifySignature(token: string): Promise<JWTPayload & Partial<SessionClaims>> {
    try {
      const { payload } = await jwtVerify<SessionClaims>(token, this.keys.getKey, {
        issuer: SESSION_ISSUER,
        audience: SESSION_AUDIENCE,
        algorithms: ['EdDSA'],
        requiredClaims: ['sub', 'jti', 'exp'],
      });
      return payload;
    } catch (error) {
      if (isDomainError(error)) throw error;
      if (error instanceof errors.JWTExpired) throw new DomainError(AuthErrors.TOKEN_EXPIRED, 'expired');
      throw new DomainError(AuthErrors.TOKEN_INVALID, 'invalid token');
    }
  }
}

function toSession(claims: JWTPayload & Partial<SessionClaims>): Session {
  const role = claims.role;
  if (!role || !ROLES.includes(role)) throw new DomainError(AuthErrors.TOKEN_INVALID, 'invalid token');
  const principal: Principal = {
    role,
    subject: claims.sub!,
    ...(claims.operatorId ? { operatorId: claims.operatorId } : {}),
    ...(claims.dealerId ? { dealerId: claims.dealerId } : {}),
    ...(claims.dealerPath ? { dealerPath: claims.dealerPath } : {}),
    ...(claims.terminalId ? { terminalId: claims.terminalId } : {}),
  };
  const session: Session = { principal, jti: claims.jti!, exp: claims.exp! };
  if (role !== 'terminal') return session;
  const { dealerId, dealerPath, dealerName, currency, timeZone, terminalId } = claims;
  if (!dealerId || !dealerPath || !dealerName || !currency || !timeZone || !terminalId) {
    throw new DomainError(AuthErrors.TOKEN_INVALID, 'invalid token');
  }
  return {
    ...session,
    seller: { dealerId, dealerPath, dealerName, currency, timeZone, terminalId, cashierId: claims.sub! },
  };
}
