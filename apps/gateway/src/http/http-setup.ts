import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ProblemFilter } from './problem.filter';
import { validationPipe } from './validation';

/** The gateway's HTTP edge: problem+json for every failure and validated input. */
export function setUpHttp(app: INestApplication): void {
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(validationPipe());
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
