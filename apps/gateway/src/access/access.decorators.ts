import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { DeviceView, Principal, Role, SellerContext } from '@tillpoint/contracts';
import type { Request } from 'express';
import type { Session } from './session-verifier';

/** What a route needs. Without `@Access`, a route under AccessGuard needs a session of any role. */
export interface AccessPolicy {
  /** A terminal's signed request (POS routes). */
  signed?: boolean;
  /** A session token; with `roles`, one of these roles. */
  session?: boolean;
  roles?: readonly Role[];
}

export const ACCESS_POLICY = 'tillpoint:access';

/** The request as the guard leaves it for handlers. */
export interface GuardedRequest extends Request {
  device?: DeviceView;
  session?: Session;
  rawBody?: Buffer;
}

export const Access = (policy: AccessPolicy) => SetMetadata(ACCESS_POLICY, policy);
/** Anyone: the route checks its own credentials (activation, login) and is rate limited per login. */
export const Open = () => Access({ signed: false, session: false });
/** A signed terminal request, before any cashier is logged in. */
export const Signed = () => Access({ signed: true, session: false });
/** A signed request of a terminal with one of its cashiers' sessions: a sale, a receipt. */
export const Pos = () => Access({ signed: true, session: true, roles: ['terminal'] });
/** A back-office session with one of these roles. */
export const Roles = (...roles: Exclude<Role, 'terminal'>[]) => Access({ session: true, roles });

const fromRequest = <T>(pick: (req: GuardedRequest) => T) =>
  createParamDecorator((_data: unknown, ctx: ExecutionContext): T =>
    pick(ctx.switchToHttp().getRequest<GuardedRequest>()),
  );

/** The verified session's principal (every service scopes its queries by it). */
export const CurrentPrincipal = fromRequest<Principal | undefined>((req) => req.session?.principal);
/** A terminal session's seller: dealer, path, name, currency, time zone, terminal and cashier. */
export const CurrentSeller = fromRequest<SellerContext | undefined>((req) => req.session?.seller);
export const CurrentSession = fromRequest<Session | undefined>((req) => req.session);
/** The device that signed the request. */
export const CurrentDevice = fromRequest<DeviceView | undefined>((req) => req.device);
