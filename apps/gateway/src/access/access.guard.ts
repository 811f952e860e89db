import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthErrors, DomainError, SigningHeaders } from '@tillpoint/contracts';
import { GatewayConfig } from '../config/gateway.config';
import { RequestVerifier } from '../signing/request-verifier';
import { ACCESS_POLICY, type AccessPolicy, type GuardedRequest } from './access.decorators';
import { DeviceDirectory } from './device-directory';
import { RateLimiter } from './rate-limiter';
import { Revocations } from './revocations';
import { SessionVerifier } from './session-verifier';

const DEFAULT_POLICY: AccessPolicy = { session: true };

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
    private readonly limits: RateLimiter,
    private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy =
      this.reflector.getAllAndOverride<AccessPolicy>(ACCESS_POLICY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? DEFAULT_POLICY;
    const req = context.switchToHttp().getRequest<GuardedRequest>();
    if (policy.signed || req.headers[SigningHeaders.deviceId] !== undefined) await this.checkSignature(req);
    if (policy.session) await this.checkSession(req, policy);
    return true;
  }

  private async checkSignature(req: GuardedRequest): Promise<void> {
    let found: GuardedRequest['device'];
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
    );
    if (!verdict.ok) throw new DomainError(verdict.code, 'refused');
    await this.limits.hit('terminal', found!.terminalId, this.config.terminalRatePerMin);
    req.device = found;
  }

  private async checkSession(req: GuardedRequest, policy: AccessPolicy): Promise<void> {
    const header = req.headers.authorization;
    const token =
      typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new DomainError(AuthErrors.TOKEN_INVALID, 'no token');
    const session = await this.sessions.verify(token);
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
