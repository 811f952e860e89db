import { pingOf, SERVICE_NAMES } from '@tillpoint/contracts';
import { BrokerTap, dropDatabase, queryRows } from '@tillpoint/testing';
import { startPlatform, type Platform } from './platform';
import { openTestClient, type TestClient } from './test-client';

describe('the five services as separate processes', () => {
  let platform: Platform;
  let probe: TestClient;

  beforeAll(async () => {
    platform = await startPlatform(3210);
    probe = await openTestClient(platform.env.AMQP_NAMESPACE);
  });

  afterAll(async () => {
    await probe?.close();
    await Promise.all(Object.values(platform?.services ?? {}).map((s) => s.stop('SIGKILL')));
    const tap = await BrokerTap.open();
    await tap.deleteNamespace(platform.env.AMQP_NAMESPACE, [...SERVICE_NAMES]);
    await tap.close();
    await dropDatabase(platform.env.DATABASE_URL);
  });

  it('has every service answer on its work queue, each a different process', async () => {
    const replies = await Promise.all(SERVICE_NAMES.map((name) => probe.client.request(pingOf(name), {})));
    expect(replies.map((r) => r.service)).toEqual([...SERVICE_NAMES]);
    const pids = SERVICE_NAMES.map((name) => platform.services[name].pid);
    expect(new Set(pids).size).toBe(5);
  });

  it('migrated each service into its own schema and created the first admin', async () => {
    const schemas = await queryRows<{ schema: string }>(
      platform.env.DATABASE_URL,
      `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'migrations' ORDER BY 1`,
    );
    expect(schemas.map((s) => s.schema)).toEqual(['auth', 'ledger', 'notifications', 'voucher']);
    const admins = await queryRows(
      platform.env.DATABASE_URL,
      `SELECT username FROM auth.users WHERE role = 'platform-admin'`,
    );
    expect(admins).toEqual([{ username: 'admin' }]);
  });

  it('serves liveness, readiness and Prometheus metrics on every service', async () => {
    for (const name of SERVICE_NAMES) {
      const { port } = platform.services[name];
      expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
      expect((await platform.services[name].readiness()).status).toBe(200);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(new RegExp(`process_resident_memory_bytes\\{service="${name}"`));
    }
  });

  it('writes structured JSON logs, none of them carrying the admin password', () => {
    for (const name of SERVICE_NAMES) {
      const lines = platform.services[name].output;
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
      expect(lines.join('\n')).not.toContain(platform.env.ADMIN_PASSWORD);
    }
  });

  it('stops every service cleanly on SIGTERM', async () => {
    const codes = await Promise.all(SERVICE_NAMES.map((name) => platform.services[name].stop('SIGTERM')));
    expect(codes).toEqual([0, 0, 0, 0, 0]);
  });
});
