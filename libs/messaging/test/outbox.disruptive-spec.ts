import { UnitOfWork } from '@tillpoint/messaging';
import {
  BrokerTap,
  dropDatabase,
  eventually,
  queryRows,
  startBroker,
  stopBroker,
  sleep,
} from '@tillpoint/testing';
import { ApplyEffect, NoteWritten } from './fixtures/fixture.contracts';
import { fixtureEnv, startFixture, type FixtureApp, type FixtureEnv } from './fixtures/fixture.harness';

// Stops the machine's RabbitMQ: runs alone (tools/test/run.js), and always starts it again.
describe('the outbox while the broker is down', () => {
  let env: FixtureEnv;
  let fixture: FixtureApp;

  beforeAll(async () => {
    env = fixtureEnv();
    fixture = await startFixture(env);
  });

  afterAll(async () => {
    await startBroker();
    await fixture?.close();
    const tap = await BrokerTap.open();
    await tap.deleteNamespace(env.AMQP_NAMESPACE, ['ledger'], [200, 400, 800]);
    await tap.close();
    await dropDatabase(env.DATABASE_URL);
  });

  it('keeps the events committed during the outage and publishes them when the broker returns', async () => {
    stopBroker();
    let ids: string[];
    try {
      const work = fixture.app.get(UnitOfWork);
      ids = await Promise.all(
        ['one', 'two', 'three'].map((text) => work.run((tx) => tx.publish(NoteWritten, { text }))),
      );
      await sleep(2_000); // the relay tries, and fails, meanwhile
      // A request meanwhile fails within its deadline with a code, rather than hanging or throwing blind.
      const started = Date.now();
      await expect(
        fixture.client.request(ApplyEffect, { key: 'outage' }, { timeoutMs: 1_000 }),
      ).rejects.toMatchObject({
        code: expect.stringMatching(/^MESSAGING\.(UNAVAILABLE|TIMEOUT)$/),
      });
      expect(Date.now() - started).toBeLessThan(2_000);
      const pending = await queryRows(
        env.DATABASE_URL,
        'SELECT id FROM ledger.outbox WHERE published_at IS NULL',
      );
      expect(pending).toHaveLength(3);
    } finally {
      await startBroker();
    }
    const seen = await eventually(
      async () => {
        const rows = await queryRows<{ event_id: string }>(
          env.DATABASE_URL,
          'SELECT event_id FROM ledger.notes_seen',
        );
        return rows.length >= 3 && rows;
      },
      { timeoutMs: 60_000, what: 'the three events to be consumed' },
    );
    expect(seen.map((r) => r.event_id).sort()).toEqual([...ids].sort());
  });
});
