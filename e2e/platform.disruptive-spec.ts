import { pingOf, SERVICE_NAMES } from '@tillpoint/contracts';
import {
  BrokerTap,
  dropDatabase,
  eventually,
  startBroker,
  startPostgres,
  stopBroker,
  stopPostgres,
} from '@tillpoint/testing';
import { openTestClient, type TestClient } from './test-client';
import { startPlatform, stopPlatform, type Platform } from './platform';

// Stops the machine's RabbitMQ and PostgreSQL: runs alone (tools/test/run.js), and always starts them again.
describe('the platform through broker and database outages', () => {
  let platform: Platform;
  let probe: TestClient;

  beforeAll(async () => {
    platform = await startPlatform(3220);
    probe = await openTestClient(platform.env.AMQP_NAMESPACE);
  });

  afterAll(async () => {
    await startBroker();
    await startPostgres();
    await probe?.close();
    await stopPlatform(platform);
    const tap = await BrokerTap.open();
    await tap.deleteNamespace(platform.env.AMQP_NAMESPACE, [...SERVICE_NAMES]);
    await tap.close();
    await dropDatabase(platform.env.DATABASE_URL);
  });

  const statuses = () =>
    Promise.all(
      SERVICE_NAMES.map(async (name) => [name, (await platform.services[name].readiness()).status] as const),
    );
  const pingAll = () =>
    Promise.all(
      SERVICE_NAMES.map((name) => probe.client.request(pingOf(name), { note: 'after' }, { timeoutMs: 3000 })),
    );

  it('answers a ping from every service before anything breaks', async () => {
    const replies = await pingAll();
    expect(replies.map((r) => r.service)).toEqual([...SERVICE_NAMES]);
  });

  it('reports not ready while the broker is down, and every service consumes again when it is back', async () => {
    const pids = SERVICE_NAMES.map((name) => platform.services[name].pid);
    stopBroker();
    try {
      await eventually(async () => (await statuses()).every(([, status]) => status === 503), {
        what: 'every service to answer 503',
      });
    } finally {
      await startBroker();
    }
    await eventually(async () => (await statuses()).every(([, status]) => status === 200), {
      timeoutMs: 60_000,
      what: 'every service to be ready again',
    });
    const replies = await eventually(() => pingAll(), { timeoutMs: 30_000, what: 'every service to answer' });
    expect(replies.map((r) => r.note)).toEqual(SERVICE_NAMES.map(() => 'after'));
    // Nobody restarted to get there.
    expect(SERVICE_NAMES.map((name) => platform.services[name].pid)).toEqual(pids);
    expect(SERVICE_NAMES.every((name) => platform.services[name].running)).toBe(true);
  });

  it('reports not ready while the database is down, and ready again when it is back', async () => {
    stopPostgres();
    try {
      const down = await eventually(
        async () => {
          const all = new Map(await statuses());
          return (
            ['auth', 'ledger', 'voucher', 'notifications'].every((name) => all.get(name as never) === 503) &&
            all
          );
        },
        { what: 'the services with a database to answer 503' },
      );
      // The gateway keeps no database, so it stays ready.
      expect(down.get('gateway')).toBe(200);
    } finally {
      await startPostgres();
    }
    await eventually(async () => (await statuses()).every(([, status]) => status === 200), {
      timeoutMs: 60_000,
      what: 'every service to be ready again',
    });
  });
});
