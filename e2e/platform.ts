import { SERVICE_NAMES, type ServiceName } from '@tillpoint/contracts';
import { freshDatabaseUrl, ServiceProcess, testServers, uniqueName } from '@tillpoint/testing';

export interface Platform {
  env: Record<string, string>;
  services: Record<ServiceName, ServiceProcess>;
}

/** The five built services as separate processes, on a fresh database and a namespace of their own. */
export async function startPlatform(portBase: number, extra: Record<string, string> = {}): Promise<Platform> {
  const portOf = (name: ServiceName) => portBase + SERVICE_NAMES.indexOf(name);
  const env = {
    DATABASE_URL: freshDatabaseUrl(),
    AMQP_URL: testServers.amqpUrl,
    AMQP_NAMESPACE: uniqueName('e'),
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD: 'e2e-admin-password',
    // Voucher's required secrets (development values, as in .env.example).
    PIN_KEYS: 'dev1:6sO3cFQ8b0dnQ3lDk1x2m9y1eR0bZQv7l3rWcY0a5mE=',
    PIN_HASH_KEY: '0o5Q0a7mJ2yQm8kV3cX1bN6rT9wE4uI7oP2aS5dF8gH=',
    INTERNAL_API_TOKEN: 'e2e-internal-token-of-at-least-32-chars',
    // The gateway streams stock uploads and exports through this voucher's internal endpoints.
    GATEWAY_VOUCHER_URL: `http://127.0.0.1:${portOf('voucher')}`,
    ...extra,
  };
  const services = Object.fromEntries(
    // Ports away from the defaults, so a platform someone runs with `npm start` is left alone.
    SERVICE_NAMES.map((name) => [name, ServiceProcess.start(name, { env, port: portOf(name) })]),
  ) as Record<ServiceName, ServiceProcess>;
  await Promise.all(Object.values(services).map((s) => s.waitReady(90_000)));
  return { env, services };
}

export async function stopPlatform(platform: Platform | undefined): Promise<void> {
  if (!platform) return;
  await Promise.all(Object.values(platform.services).map((s) => s.stop('SIGTERM')));
}
