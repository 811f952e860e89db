import { UnitOfWork } from '@tillpoint/messaging';
import { BrokerTap, dropDatabase, queryRows } from '@tillpoint/testing';
import { NoteWritten } from './fixtures/fixture.contracts';
import { fixtureEnv, startFixture, type FixtureApp, type FixtureEnv } from './fixtures/fixture.harness';

/** UnitOfWork.runShared: small units arriving together commit in one transaction. */
describe('units of work sharing a transaction', () => {
  let env: FixtureEnv;
  let fixture: FixtureApp;
  let work: UnitOfWork;

  beforeAll(async () => {
    env = fixtureEnv();
    fixture = await startFixture(env);
    work = fixture.app.get(UnitOfWork);
  });

  afterAll(async () => {
    await fixture?.close();
    const tap = await BrokerTap.open();
    await tap.deleteNamespace(env.AMQP_NAMESPACE, ['ledger'], [200, 400, 800]);
    await tap.close();
    await dropDatabase(env.DATABASE_URL);
  });

  const txid = (tx: { manager: { query: (sql: string) => Promise<Array<{ id: string }>> } }) =>
    tx.manager.query('SELECT txid_current()::text AS id').then(([row]) => row.id);

  it('runs 40 units arriving at once in far fewer transactions, each with its effect and event', async () => {
    const ids = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        work.runShared(async (tx) => {
          await tx.publish(NoteWritten, { text: `shared-${i}` });
          return txid(tx);
        }),
      ),
    );
    expect(new Set(ids).size).toBeLessThanOrEqual(4);
    const events = await queryRows<{ n: string }>(
      env.DATABASE_URL,
      `SELECT count(*)::text AS n FROM ledger.outbox WHERE payload->>'text' LIKE 'shared-%'`,
    );
    expect(events[0].n).toBe('40');
  });

  it('gives a failing unit its own error and commits the others of its transaction', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        work.runShared(async (tx) => {
          await tx.publish(NoteWritten, { text: `mixed-${i}` });
          if (i === 4) throw new Error('unit 4 refuses');
          return i;
        }),
      ),
    );
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([
      0,
      1,
      2,
      3,
      'unit 4 refuses',
      5,
      6,
      7,
      8,
      9,
    ]);
    const events = await queryRows<{ text: string }>(
      env.DATABASE_URL,
      `SELECT payload->>'text' AS text FROM ledger.outbox WHERE payload->>'text' LIKE 'mixed-%' ORDER BY 1`,
    );
    expect(events.map((e) => e.text)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9].map((i) => `mixed-${i}`));
  });
});
