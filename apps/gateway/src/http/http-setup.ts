import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { serveDocs } from '../docs/api-docs';
import { ProblemFilter } from './problem.filter';
import { validationPipe } from './validation';

/** The only route whose body is not JSON and not limited to 1 MB: it is streamed through to voucher. */
export const STREAMED_ROUTES = new Set(['/admin/stock/batches']);
const BODY_LIMIT = 1024 * 1024;

/**
 * The JSON parser takes only JSON (and refuses it over 1 MB); a body of another type would reach a
 * handler unread. This refuses it too: 413 when it says it is over 1 MB, else 415.
 */
function refuseOtherBodies(req: Request, _res: Response, next: NextFunction): void {
  if (STREAMED_ROUTES.has(req.path)) return next();
  const length = Number(req.header('content-length') ?? 0);
  const hasBody = length > 0 || req.header('transfer-encoding') !== undefined;
  if (!hasBody || req.is(['application/json', 'application/*+json'])) return next();
  next(length > BODY_LIMIT ? { status: 413 } : { status: 415 });
}

/** The gateway's HTTP edge: problem+json for every failure, validated input, the OpenAPI document. */
export function setUpHttp(app: INestApplication): void {
  app.use(refuseOtherBodies);
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(validationPipe());
  serveDocs(app);
}

/**
 * After the routes: what failed before Nest's own handling (the body parser's malformed JSON or a body
 * over 1 MB) is answered by the same filter.
 */
export function catchEdgeErrors(app: INestApplication): void {
  const filter = new ProblemFilter();
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    filter.catch(error, {
      switchToHttp: () => ({ getResponse: () => res, getRequest: () => req }),
    } as never);
  });
}
