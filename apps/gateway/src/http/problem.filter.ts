import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import {
  AuthErrors,
  GatewayErrors,
  isDomainError,
  VoucherErrors,
  type DomainError,
} from '@tillpoint/contracts';
import { currentCorrelationId } from '@tillpoint/runtime';
import type { Response } from 'express';
import { isKnownCode, PROBLEM_BASE, problemFor, type KnownCode } from './problems';

/** Refusals answered with the title only: which part was wrong, or whether a record exists, helps an attacker. */
const QUIET_CODES = new Set<string>([...Object.values(AuthErrors), VoucherErrors.FORBIDDEN]);

/**
 * The members of a DomainError's details a caller may see beside the problem's own: a FAILED sale's view,
 * a refused stock batch's row errors. Nothing else of the details is ever answered.
 */
const PUBLIC_DETAILS = ['sale', 'errors', 'errorCount'] as const;

type Classified = {
  code: KnownCode;
  detail?: string;
  retryAfterS?: number;
  extra?: Record<string, unknown>;
};

/**
 * What an HttpException from Nest or Express (routing, body parsing) means to us; undefined for one a
 * library answers on purpose (readiness's 503 naming what is down), which keeps its own answer.
 */
function codeOfHttp(error: HttpException): KnownCode | undefined {
  switch (error.getStatus()) {
    case 404:
      return GatewayErrors.ROUTE_NOT_FOUND;
    case 413:
      return GatewayErrors.PAYLOAD_TOO_LARGE;
    case 400:
      // Nest turns the body parser's SyntaxError into a bare 400; our own validation throws a DomainError.
      return /JSON/.test(error.message) ? GatewayErrors.MALFORMED_JSON : GatewayErrors.INVALID_REQUEST;
    default:
      return undefined;
  }
}

/**
 * Answers every failure as `application/problem+json`: a stable `type`, the status, a title, a detail and
 * the correlation id. Credential refusals carry the title only (never which part was wrong); a failure of
 * ours is logged with its cause and answered without it.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly log = new Logger('Problems');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof HttpException && codeOfHttp(error) === undefined) {
      response.status(error.getStatus()).json(error.getResponse());
      return;
    }
    const { code, detail, retryAfterS, extra } = this.classify(error);
    const kind = problemFor(code);
    if (kind.status >= 500)
      this.log.error(`${code}: ${error instanceof Error ? error.message : String(error)}`);
    if (retryAfterS !== undefined) response.setHeader('Retry-After', String(retryAfterS));
    response
      .status(kind.status)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: PROBLEM_BASE + kind.slug,
          title: kind.title,
          status: kind.status,
          detail: detail ?? kind.title,
          code,
          correlationId: currentCorrelationId(),
          ...extra,
        }),
      );
  }

  private classify(error: unknown): Classified {
    if (isDomainError(error)) return this.ofDomainError(error);
    if (error instanceof HttpException) {
      return { code: codeOfHttp(error) ?? GatewayErrors.INTERNAL, detail: error.message };
    }
    const { type, status } = (error ?? {}) as { type?: string; status?: number };
    if (type === 'entity.parse.failed') return { code: GatewayErrors.MALFORMED_JSON };
    if (type === 'entity.too.large' || status === 413) return { code: GatewayErrors.PAYLOAD_TOO_LARGE };
    if (type === 'encoding.unsupported' || type === 'charset.unsupported' || status === 415)
      return { code: GatewayErrors.UNSUPPORTED_MEDIA_TYPE };
    return { code: GatewayErrors.INTERNAL };
  }

  private ofDomainError(error: DomainError): Classified {
    if (!isKnownCode(error.code)) return { code: GatewayErrors.INTERNAL };
    const retryAfterS =
      typeof error.details?.retryAfterS === 'number' ? error.details.retryAfterS : undefined;
    // Auth's own messages may be more precise than an attacker should learn; 5xx messages are ours.
    const quiet = QUIET_CODES.has(error.code) || problemFor(error.code).status >= 500;
    const extra = Object.fromEntries(
      PUBLIC_DETAILS.filter((key) => error.details?.[key] !== undefined).map((key) => [
        key,
        error.details?.[key],
      ]),
    );
    return { code: error.code, detail: quiet ? undefined : error.message, retryAfterS, extra };
  }
}
