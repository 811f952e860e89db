import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIObject } from '@nestjs/swagger';
import { expectProblem, PlatformHarness } from './platform.harness';

interface Operation {
  responses: Record<string, { content?: Record<string, unknown> }>;
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route Express holds for the app, as OpenAPI writes it (`/pos/sales/{clientRef}`). */
function registeredRoutes(platform: PlatformHarness): Array<{ method: string; path: string }> {
  const express = platform.gateway.getHttpAdapter().getInstance() as {
    router?: { stack: Layer[] };
    _router?: { stack: Layer[] };
  };
  const stack = (express.router ?? express._router)?.stack ?? [];
  return stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods).map((method) => ({
          method,
          path: layer.route!.path.replace(/:([A-Za-z]+)/g, '{$1}'),
        }))
      : [],
  );
}

describe('the OpenAPI document at /docs', () => {
  let platform: PlatformHarness;
  let document: OpenAPIObject;

  beforeAll(async () => {
    platform = await PlatformHarness.start();
    const answer = await platform.call<OpenAPIObject>('GET', '/docs/openapi.json');
    expect(answer.status).toBe(200);
    document = answer.body;
  });

  afterAll(() => platform?.stop());

  it('is a valid OpenAPI 3 document', async () => {
    expect(document.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await fetch(`${platform.url}/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/swagger-ui/i);
  });

  it('describes every route the gateway registered (an undocumented new route fails here)', () => {
    const routes = registeredRoutes(platform).filter((r) => !r.path.startsWith('/docs'));
    expect(routes.length).toBeGreaterThan(40);
    const missing = routes.filter((r) => !document.paths[r.path]?.[r.method as 'get']);
    expect(missing).toEqual([]);
  });

  it('gives every API operation its problem+json refusals and a described JSON body', () => {
    const operations = Object.entries(document.paths)
      .filter(([path]) => !/^\/(health|metrics)/.test(path))
      .flatMap(([path, item]) =>
        Object.entries(item).map(([method, op]) => ({ at: `${method} ${path}`, op: op as Operation })),
      );
    const noProblems = operations.filter(
      ({ op }) => !op.responses['400']?.content?.['application/problem+json'],
    );
    expect(noProblems.map((o) => o.at)).toEqual([]);
    const schemas = document.components?.schemas ?? {};
    const emptyBodies = operations.filter(({ op }) => {
      const ref = op.requestBody?.content?.['application/json']?.schema?.$ref;
      if (!ref) return false;
      const schema = schemas[ref.split('/').pop()!] as { properties?: object };
      return Object.keys(schema.properties ?? {}).length === 0;
    });
    expect(emptyBodies.map((o) => o.at)).toEqual([]);
    expect(schemas.NewDealer).toMatchObject({
      required: expect.arrayContaining(['id', 'currency']),
      properties: { id: { type: 'string', pattern: expect.any(String) } },
    });
  });

  it('lists the route list of issue #7 with problem+json refusals', () => {
    for (const [method, path] of [
      ['post', '/pos/sales'],
      ['get', '/pos/sales/{clientRef}'],
      ['post', '/admin/stock/batches'],
      ['get', '/admin/sales/export.csv'],
      ['post', '/admin/floats/{dealerId}/topups'],
    ] as const) {
      const operation = document.paths[path]?.[method];
      expect(operation?.responses?.['400']).toMatchObject({
        content: { 'application/problem+json': expect.anything() },
      });
    }
    expect(Object.keys(document.paths['/pos/sales'].post!.responses)).toEqual(
      expect.arrayContaining(['201', '202', '402', '409', '422']),
    );
  });

  it('answers a body that is not JSON with 415, and one over 1 MB of any type with 413', async () => {
    const text = await platform.call('POST', '/auth/login', {
      raw: 'username=a&password=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(text, 415, 'unsupported-media-type');
    const big = await platform.call('POST', '/auth/login', {
      raw: 'x'.repeat(2 * 1024 * 1024),
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(big, 413, 'payload-too-large');
  });
});
