import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, GatewayErrors } from '@tillpoint/contracts';

const describe = (errors: ValidationError[], prefix = ''): string[] =>
  errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => `${prefix}${m}`),
    ...describe(e.children ?? [], `${prefix}${e.property}.`),
  ]);

/** Bodies and queries are checked against their classes; an unknown field is refused, not dropped. */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) =>
      new DomainError(GatewayErrors.INVALID_REQUEST, describe(errors).join('; ').slice(0, 1000)),
  });
