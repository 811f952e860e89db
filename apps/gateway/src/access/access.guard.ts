import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthErrors, DomainError, SigningHeaders } from '@tillpoint/contracts';
import { GatewayConfig } from '../config/gateway.config';
import { nonceKey } from '../signing/nonce-store';
import { RequestVerifier } from '../signing/request-verifier';
import { ACCESS_POLICY, type AccessPolicy, type GuardedRequest } from './access.decorators';
import { Admission, type Admitted } from './admission';
import { DeviceDirectory } from './device-directory';
import { rateWindow } from './rate-limiter';
import { Revocations } from './revocations';
import { SessionVerifier, sessionEndedKey, type Session } from './session-verifier';

const DEFAULT_POLICY: AccessPolicy = { session: true };

type Settled<T> = { value: T } | { error: unknown };
const settle = <T>(run: () => Promise<T>): Promise<Settled<T>> =>
  run().then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

/**
 * One guard for every route of ours: the terminal's signature (and its rate limit), then the session
 * token, then the role. A terminal session is only good on a request its own terminal signed, so a token
 * taken off a counter is useless without the device's secret.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: RequestVerifier,
    private readonly devices: DeviceDirectory,
    private readonly revocations: Revocations,
    private readonly sessions: SessionVerifier,
    private readonly admission: Admission,
    private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy =
      this.reflector.getAllAndOverride<AccessPolicy>(ACCESS_POLICY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? DEFAULT_POLICY;
    const req = context.switchToHttp().getRequest<GuardedRequest>();
    const now = Date.now();
    // The token is verified first (locally, once per token), so that a signed request asks whether it was
    // logged out in the same Redis round trip as its nonce and rate; its refusal still comes after theirs.
    const session = policy.session
      ? await settle(() => this.sessions.verify(bearerToken(req), now))
      : undefined;
    const jti = session && 'value' in session ? session.value.jti : undefined;
    const signed = policy.signed || req.headers[SigningHeaders.deviceId] !== undefined;
    const admitted = signed ? await this.checkSignature(req, now, jti) : undefined;
    if (session) await this.checkSession(req, policy, session, admitted);
    return true;
  }

  private async checkSignature(req: GuardedRequest, now: number, jti?: string): Promise<Admitted> {
    let found: GuardedRequest['device'];
    let admitted: Admitted | undefined;
    let window: ReturnType<typeof rateWindow> | undefined;
    const verdict = await this.verifier.verify(
      {
        method: req.method,
        path: req.originalUrl,
        headers: req.headers,
        rawBody: req.rawBody ?? Buffer.alloc(0),
      },
      async (deviceId) => {
        found = await this.devices.find(deviceId);
        return found && !this.revocations.isTerminalBlocked(found.terminalId) ? found.secret : undefined;
      },
      now,
      async (deviceId, nonce, keepMs) => {
        window = rateWindow('terminal', found!.terminalId, now);
        admitted = await this.admission.ask({
          nonceKey: nonceKey(deviceId, nonce),
          nonceKeepMs: keepMs,
          rateKey: window.name,
          ...(jti ? { endedKey: sessionEndedKey(jti) } : {}),
        });
        return admitted.nonceClaimed;
      },
    );
    if (!verdict.ok) throw new DomainError(verdict.code, 'refused');
    window!.enforce(admitted!.count, this.config.terminalRatePerMin);
    req.device = found;
    return admitted!;
  }

  private async checkSession(
    req: GuardedRequest,
    policy: AccessPolicy,
    verified: Settled<Session>,
    admitted: Admitted | undefined,
  ): Promise<void> {
    if ('error' in verified) throw verified.error;
    const session = verified.value;
    if (admitted ? admitted.ended : await this.sessions.hasEnded(session.jti))
      throw new DomainError(AuthErrors.SESSION_REVOKED, 'ended');
    const { principal } = session;
    if (principal.role === 'terminal') {
      if (!req.device)
        throw new DomainError(AuthErrors.SIGNATURE_MISSING, 'terminal sessions need a signed request');
      if (req.device.terminalId !== principal.terminalId)
        throw new DomainError(AuthErrors.SESSION_REVOKED, 'not this terminal');
    }
    if (policy.roles && !policy.roles.includes(principal.role))
      throw new DomainError(AuthErrors.FORBIDDEN, 'role');
    req.session = session;
  }
}

function bearerToken(req: GuardedRequest): string {
  const header = req.headers.authorization;
  const token =
    typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  if (!token) throw new DomainError(AuthErrors.TOKEN_INVALID, 'no token');
  return token;
}
