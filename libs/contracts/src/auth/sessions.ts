import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { defineCommand } from '../messaging/contract';
import { ORG_ID, type Principal, type SellerContext } from './principal';

// Auth: sessions and what the gateway needs to check them locally. Produced by the gateway; consumed by
// auth. Tokens are EdDSA (Ed25519) JWTs; the gateway verifies them with the keys of `auth.keys.get.v1`.

export const SESSION_ISSUER = 'tillpoint-auth';
export const SESSION_AUDIENCE = 'tillpoint';

export class CashierLoginBody {
  @Matches(ORG_ID)
  cashierId: string;

  /** Checked against a slow hash; any string is taken so that a malformed PIN is just a wrong one. */
  @IsString()
  @MaxLength(64)
  pin: string;
}

export class OpenSessionRequest extends CashierLoginBody {
  /** The device whose signature the gateway verified. */
  @IsString()
  @MaxLength(64)
  deviceId: string;
}

export interface SessionView {
  token: string;
  expiresAt: string;
  principal: Principal;
  /** Terminal sessions: what a sale and its receipt need. */
  seller?: SellerContext;
}

/** The claims of a session token besides the registered ones (`sub`, `jti`, `exp`...). */
export interface SessionClaims {
  role: Principal['role'];
  operatorId?: string;
  dealerId?: string;
  dealerPath?: string[];
  dealerName?: string;
  currency?: string;
  timeZone?: string;
  terminalId?: string;
}

/** A request with nothing to say but who asks (for the answerer's logs). */
export class EmptyRequest {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  asker?: string;
}

export interface PublicJwk {
  kty: string;
  crv: string;
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

/** Terminals blocked now and cashiers locked now: a gateway's starting point before it follows events. */
export interface RevocationsView {
  blockedTerminals: string[];
  lockedCashiers: Array<{ cashierId: string; until: string }>;
}

export const OpenSession = defineCommand<OpenSessionRequest, SessionView>(
  'auth.session.open.v1',
  OpenSessionRequest,
);
export const GetSigningKeys = defineCommand<EmptyRequest, { keys: PublicJwk[] }>(
  'auth.keys.get.v1',
  EmptyRequest,
);
export const GetRevocations = defineCommand<EmptyRequest, RevocationsView>(
  'auth.revocations.get.v1',
  EmptyRequest,
);
