import { applyDecorators, type INestApplication } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiResponse,
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
} from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  ActivationBody,
  CashierLoginBody,
  CatalogDocument,
  DealerChanges,
  LoginRequest,
  NewCashier,
  NewDealer,
  NewOperator,
  NewTerminal,
  NewUser,
  SigningHeaders,
} from '@tillpoint/contracts';
import { schemaOfClass } from './validation-schemas';

/** Bodies that are shared contract classes (no Swagger decorators): described from their validation. */
const CONTRACT_BODIES = [
  ActivationBody,
  CashierLoginBody,
  CatalogDocument,
  DealerChanges,
  LoginRequest,
  NewCashier,
  NewDealer,
  NewOperator,
  NewTerminal,
  NewUser,
];

/** The problem+json body every refusal and failure has (RFC 9457), as the ProblemFilter writes it. */
const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', example: 'https://tillpoint.dev/problems/invalid-request' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', example: 'GATEWAY.INVALID_REQUEST' },
    correlationId: { type: 'string' },
    sale: { type: 'object', description: 'A FAILED sale: its SaleView' },
    errors: {
      type: 'array',
      description: 'A refused stock batch: its bad rows (capped)',
      items: { type: 'object', properties: { row: { type: 'integer' }, reason: { type: 'string' } } },
    },
    errorCount: { type: 'integer' },
  },
};

const WHY: Record<number, string> = {
  400: 'Invalid request: malformed JSON, wrong types, unknown fields',
  401: 'No valid credentials (session token, terminal signature)',
  402: 'A FAILED sale: insufficient float (the sale is in `sale`)',
  403: 'Not allowed for this principal',
  404: 'Not found (or not in the caller’s scope)',
  409: 'Conflict with the current state',
  413: 'The body is larger than 1 MB',
  415: 'The body is not of a type this route takes',
  422: 'Refused: the request cannot be carried out as asked',
  429: 'Rate limited (Retry-After)',
  500: 'Our failure',
  503: 'A service is unavailable',
  504: 'A service did not answer in time',
};

/** Problem answers a route gives besides the common ones (400, 401, 413, 415, 429, 5xx). */
export function Problems(...statuses: number[]) {
  const all = [...new Set([400, 401, 413, 415, 429, 500, 503, 504, ...statuses])].sort();
  return applyDecorators(
    ...all.map((status) =>
      ApiResponse({
        status,
        description: WHY[status] ?? 'Refused',
        content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } },
      }),
    ),
  );
}

/** A JSON object answer with a short description (the body's fields are in its `schema`). */
export function Answer(status: number, description: string, schema: object = { type: 'object' }) {
  return ApiResponse({ status, description, content: { 'application/json': { schema } } });
}

/** POS routes: the terminal's signature headers and the cashier session. */
export const PosAuth = () => applyDecorators(ApiBearerAuth('session'), ApiSigned());
/** The request-signing headers of libs/contracts/src/auth/request-signing.ts. */
export const ApiSigned = () =>
  applyDecorators(
    ...Object.values(SigningHeaders).map((name) =>
      ApiHeader({ name, required: true, description: 'terminal request signature (see request-signing.ts)' }),
    ),
  );

export function buildDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tillpoint gateway')
    .setDescription(
      'The HTTP API of terminals (`/pos`, signed requests) and back offices (`/admin`, `/auth`). ' +
        'Money is minor units as strings of digits. Every error is application/problem+json.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'session')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const schemas = (document.components ??= {}).schemas ?? {};
  document.components.schemas = schemas;
  for (const body of CONTRACT_BODIES) schemas[body.name] = schemaOfClass(body, schemas);
  return document;
}

/** Swagger UI at `/docs`, the document at `/docs/openapi.json`. */
export function serveDocs(app: INestApplication): void {
  const document = buildDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: '' });
}
