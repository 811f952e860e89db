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
import { VerifiedTokens } from './verified-tokens';

/** Distinct session tokens whose verification is remembered (a few MB at most). */
const VERIFIED_TOKENS_KEPT = 10_000;

export interface Session {
  principal: Principal;
  /** Terminal sessions only. */
  seller?: SellerContext;
  jti: string;
  /** Epoch seconds. */
  exp: number;
}

/** Set when a session is ended (logout), until it would have expired. */
export const sessionEndedKey = (jti: string) => `tp:session-ended:${jti}`;

/** Checks a session token locally: auth's signature and claims, then blocks and lockouts; logouts in Redis. */
@Injectable()
export class SessionVerifier {
  private readonly tokens = new VerifiedTokens<Session>(VERIFIED_TOKENS_KEPT);

  constructor(
    private readonly keys: KeyRing,
    private readonly revocations: Revocations,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /**
   * The token's session if auth signed it, it has not expired, and (a terminal's) its terminal is not
   * blocked nor its cashier locked. The signature and claims are verified once per token; the blocks and
   * lockouts are checked every time. Whether it was ended (logged out) is `hasEnded`, asked apart so that
   * the guard can ask it in the same Redis round trip as the nonce.
   */
  async verify(token: string, now = Date.now()): Promise<Session> {
    const session = await this.verified(token, now);
    const { principal } = session;
    if (principal.role === 'terminal') {
      if (
        this.revocations.isTerminalBlocked(principal.terminalId!) ||
        this.revocations.isCashierLocked(principal.subject, now)
      ) {
        throw new DomainError(AuthErrors.SESSION_REVOKED, 'revoked');
      }
    }
    return session;
  }

  /** True once the session was ended, on any replica. */
  async hasEnded(jti: string): Promise<boolean> {
    return (await this.redis.exists(sessionEndedKey(jti))) > 0;
  }

  /** Ends a session for every replica, until it would have expired anyway. */
  async end(session: Session): Promise<void> {
    const ttlMs = Math.max(1000, session.exp * 1000 - Date.now());
    await this.redis.set(sessionEndedKey(session.jti), '1', 'PX', ttlMs);
  }

  private async verified(token: string, now: number): Promise<Session> {
    const cached = this.tokens.get(token, now);
    if (cached === 'expired') throw new DomainError(AuthErrors.TOKEN_EXPIRED, 'expired');
    if (cached) return cached;
    const session = freeze(toSession(await this.verifySignature(token, now)));
    this.tokens.set(token, session, now);
    return session;
  }

  private async verifySignature(token: string, now: number): Promise<JWTPayload & Partial<SessionClaims>> {
    try {
      const { payload } = await jwtVerify<SessionClaims>(token, this.keys.getKey, {
        currentDate: new Date(now),
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

/** A cached session is shared by every request that shows its token: nobody may change it. */
function freeze(session: Session): Session {
  Object.freeze(session.principal.dealerPath);
  Object.freeze(session.principal);
  if (session.seller) Object.freeze(session.seller);
  return Object.freeze(session);
}
