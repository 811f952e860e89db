import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_PORTS, SERVICE_NAMES } from '@tillpoint/contracts';
import { parse } from 'yaml';

interface ComposeService {
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const compose = parse(readFileSync(path.join(__dirname, '../../docker-compose.yml'), 'utf8'), {
  merge: true,
}) as {
  services: Record<string, ComposeService>;
};

describe('docker-compose.yml', () => {
  it('runs the servers and the five services, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['auth', 'gateway', 'ledger', 'notifications', 'postgres', 'rabbitmq', 'redis', 'voucher'].sort(),
    );
    for (const name of Object.keys(compose.services))
      expect(compose.services[name].healthcheck?.test).toBeDefined();
  });

  it.each([...SERVICE_NAMES])(
    'starts %s from its build, after the servers are healthy, probing its readiness',
    (name) => {
      const service = compose.services[name];
      expect(service.command).toContain(`dist/apps/${name}/main.js`);
      expect(service.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${DEFAULT_PORTS[name]}/health/ready`);
      expect(Object.values(service.depends_on ?? {}).map((d) => d.condition)).toEqual([
        'service_healthy',
        'service_healthy',
        'service_healthy',
      ]);
      expect(service.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
      expect(service.environment?.AMQP_URL).toMatch(/@rabbitmq:5672$/);
    },
  );

  // The settings a service refuses to start without (no default in its config class): each must reach the
  // containers, or `docker compose up` starts services that exit at once.
  it.each([
    'ADMIN_PASSWORD',
    'PIN_KEYS',
    'PIN_HASH_KEY',
    'INTERNAL_API_TOKEN',
    'AUTH_SIGNING_KEY',
    'AUTH_DEVICE_SECRET_KEYS',
  ])('gives every service %s', (setting) => {
    for (const name of SERVICE_NAMES)
      expect([name, compose.services[name].environment?.[setting]]).toEqual([name, expect.any(String)]);
  });

  it('binds no fixed host port to a service, so that --scale can run several of each', () => {
    for (const name of SERVICE_NAMES) {
      for (const mapping of compose.services[name].ports ?? []) expect(mapping).toMatch(/^\d+-\d+:\d+$/);
    }
  });

  it('offers the RabbitMQ management UI', () => {
    expect(compose.services.rabbitmq.ports).toContain('15672:15672');
  });
});
