import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { INTERNAL_TOKEN_HEADER, Principal, PRINCIPAL_HEADER } from '@tillpoint/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { VoucherConfig } from '../config/voucher.config';

/** The request of an internal endpoint once the guard let it through. */
export type InternalRequest = Request & { principal: Principal };

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * The internal HTTP endpoints answer only the gateway: the shared INTERNAL_API_TOKEN (compared in constant
 * time) and the principal the gateway verified, as base64url JSON in a header.
 */
@Injectable()
export class InternalAuthGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(config: VoucherConfig) {
    this.expected = digest(config.internalApiToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<InternalRequest>();
    const token = request.header(INTERNAL_TOKEN_HEADER) ?? '';
    if (!timingSafeEqual(digest(token), this.expected))
      throw new UnauthorizedException('internal token required');
    request.principal = readPrincipal(request.header(PRINCIPAL_HEADER));
    return true;
  }
}

function readPrincipal(header: string | undefined): Principal {
  let plain: unknown;
  try {
    plain = JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8'));
  } catch {
    throw new ForbiddenException(`${PRINCIPAL_HEADER} must be base64url JSON`);
  }
  const principal = plainToInstance(Principal, plain);
  if (typeof plain !== 'object' || plain === null || validateSync(principal).length > 0) {
    throw new ForbiddenException(`${PRINCIPAL_HEADER} is not a principal`);
  }
  return principal;
}
