import {
  BrokerTap,
  dropDatabase,
  eventually,
  queryRows,
  sleep,
  type ServiceProcess,
} from '@tillpoint/testing';
import { ApplyEffect } from './fixtures/fixture.contracts';
import { fixtureEnv, startFixture, type FixtureApp, type FixtureEnv } from './fixtures/fixture.harness';
import { consumedCount, startFixtureProcess } from './fixtures/fixture.process';

describe('consumers as real processes', () => {
  let env: FixtureEnv;
  let tap: BrokerTap;
  const started: ServiceProcess[] = [];
  const inProcess: FixtureApp[] = [];

  const run = async (instance: string) => {
    const worker = startFixtureProcess(env, instance);
    started.push(worker);
    await worker.waitReady();
    return worker;
  };
  const effects = (like: string) =>
    queryRows<{ key: string; instance: string }>(
      env.DATABASE_URL,
      'SELECT key, instance FROM ledger.effects WHERE key LIKE $1',
      [like],
    );

  beforeEach(async () => {
    env = fixtureEnv();
    tap = await BrokerTap.open();
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.stop('SIGKILL')));
    await Promise.all(inProcess.splice(0).map((f) => f.close()));
    await tap.deleteNamespace(env.AMQP_NAMESPACE, ['ledger'], [200, 400, 800]);
    await tap.close();
    await dropDatabase(env.DATABASE_URL);
  });

  it('gives a consumer killed after its commit but before its ack the message again, with one effect', async () => {
    const first = await run('first');
    tap.publish(
      env.AMQP_NAMESPACE,
      ApplyEffect.name,
      { key: 'killed', killAfterCommit: true },
      { messageId: 'kill-1' },
    );
    expect(await first.exit()).toBeNull(); // SIGKILL: no exit code
    expect(await effects('killed')).toEqual([{ key: 'killed', instance: 'first' }]);

    const second = await run('second');
    await eventually(async () => (await consumedCount(second.port, ApplyEffect.name, 'duplicate')) === 1, {
      what: 'the redelivered message to reach the second consumer',
    });
    expect(await effects('killed')).toHaveLength(1);
    expect(await tap.messageCount(`${env.AMQP_NAMESPACE}.ledger`)).toBe(0);
    expect(second.running).toBe(true);
  });

  it('finishes and acks what is in flight on SIGTERM, and leaves the rest for the next consumer', async () => {
    const first = await run('first');
    // 20 messages of 500 ms each through a pool of 10 connections: about a second of work in flight.
    for (let i = 0; i < 20; i++)
      tap.publish(env.AMQP_NAMESPACE, ApplyEffect.name, { key: `term-${i}`, delayMs: 500 });
    await sleep(200);
    await eventually(async () => (await tap.messageCount(`${env.AMQP_NAMESPACE}.ledger`)) === 0, {
      what: 'all 20 to be delivered to the first consumer',
    });
    const stopping = first.stop('SIGTERM');
    expect((await effects('term-%')).length).toBeLessThan(20);
    await sleep(100);
    for (let i = 20; i < 30; i++) tap.publish(env.AMQP_NAMESPACE, ApplyEffect.name, { key: `term-${i}` });
    expect(await stopping).toBe(0);
    expect(first.output.join('\n')).not.toMatch(/still in flight/);
    expect(await effects('term-%')).toHaveLength(20);

    await run('second');
    const all = await eventually(async () => {
      const rows = await effects('term-%');
      return rows.length >= 30 && rows;
    });
    await sleep(300);
    expect(new Set(all.map((r) => r.key)).size).toBe(30);
    expect(await effects('term-%')).toHaveLength(30);
    expect(all.filter((r) => r.instance === 'first')).toHaveLength(20);
  });

  it('lets two instances share one queue, and never both apply one message', async () => {
    inProcess.push(await startFixture(env, 'a'), await startFixture(env, 'b'));
    for (let i = 0; i < 100; i++) {
      // Every message is sent twice with one id, as a redelivery would: both copies may be in flight at once.
      const messageId = `pair-${i}`;
      tap.publish(env.AMQP_NAMESPACE, ApplyEffect.name, { key: `share-${i}`, delayMs: 20 }, { messageId });
      tap.publish(env.AMQP_NAMESPACE, ApplyEffect.name, { key: `share-${i}`, delayMs: 20 }, { messageId });
    }
    await eventually(async () => (await effects('share-%')).length >= 100, { what: '100 effects' });
    await eventually(async () => (await tap.messageCount(`${env.AMQP_NAMESPACE}.ledger`)) === 0);
    await sleep(500);
    const rows = await effects('share-%');
    expect(rows).toHaveLength(100);
    expect(new Set(rows.map((r) => r.key)).size).toBe(100);
    const byInstance = rows.reduce<Record<string, number>>(
      (n, r) => ({ ...n, [r.instance]: (n[r.instance] ?? 0) + 1 }),
      {},
    );
    expect(byInstance.a).toBeGreaterThan(0);
    expect(byInstance.b).toBeGreaterThan(0);
  });
});
