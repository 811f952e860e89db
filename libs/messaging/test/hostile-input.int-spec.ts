import { MessagingErrors } from '@tillpoint/contracts';
import { Headers, MAX_REASON_LENGTH, MessageServer } from '@tillpoint/messaging';
import { BrokerTap, dropDatabase, eventually, queryRows } from '@tillpoint/testing';
import { ApplyEffect, FailEffect, ForwardEffect } from './fixtures/fixture.contracts';
import { fixtureEnv, startFixture, type FixtureApp, type FixtureEnv } from './fixtures/fixture.harness';

// What a broken or hostile producer, a confused caller or an operator's slip can do to a consumer.
describe('messaging against hostile input and slips', () => {
  let env: FixtureEnv;
  let fixture: FixtureApp;
  let tap: BrokerTap;
  let queue: string;
  const delays = [200, 400, 800];

  beforeAll(async () => {
    env = fixtureEnv();
    queue = `${env.AMQP_NAMESPACE}.ledger`;
    fixture = await startFixture(env);
    tap = await BrokerTap.open();
  });

  afterAll(async () => {
    await fixture?.close();
    await tap?.deleteNamespace(env.AMQP_NAMESPACE, ['ledger'], [...delays, 300]);
    await tap?.close();
    await dropDatabase(env.DATABASE_URL);
  });

  const reasonOf = (m: { properties: { headers?: Record<string, unknown> } }) =>
    String(m.properties.headers?.[Headers.deadReason]);
  const attempts = (key: string) =>
    queryRows(env.DATABASE_URL, 'SELECT at FROM ledger.attempts WHERE key = $1', [key]);
  const effects = (key: string) =>
    queryRows(env.DATABASE_URL, 'SELECT key FROM ledger.effects WHERE key = $1', [key]);

  it('dead-letters a payload with thousands of unknown fields under a bounded reason, and keeps publishing', async () => {
    const body = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`field${i}`, i]));
    tap.sendRaw(queue, JSON.stringify({ key: 'huge', ...body }), { type: ApplyEffect.name });
    const [dead] = await tap.take(`${queue}.dlq`);
    expect(reasonOf(dead).length).toBeLessThanOrEqual(MAX_REASON_LENGTH);
    expect(reasonOf(dead)).toMatch(/should not exist.*\(truncated\)$/);
    for (let i = 0; i < 3; i++) {
      expect(await fixture.client.request(ApplyEffect, { key: `after-huge-${i}` })).toMatchObject({
        key: `after-huge-${i}`,
      });
    }
  });

  it.each([-1, 0.5, 'lots'])(
    'treats a nonsensical x-attempt (%p) as a first delivery, and still retries',
    async (attempt) => {
      const key = `attempt-${String(attempt)}`;
      tap.publish(env.AMQP_NAMESPACE, FailEffect.name, { key }, { headers: { [Headers.attempt]: attempt } });
      const [dead] = await tap.take(`${queue}.dlq`);
      expect(reasonOf(dead)).toBe(`handler failed after 4 attempts: fixture failure for ${key}`);
      expect(await attempts(key)).toHaveLength(4);
    },
  );

  it('dead-letters messages without a messageId instead of taking one for the other', async () => {
    for (const key of ['noid-1', 'noid-2'])
      tap.sendRaw(queue, JSON.stringify({ key }), { type: ApplyEffect.name, messageId: undefined });
    const dead = await tap.take(`${queue}.dlq`, 2);
    expect(dead.map(reasonOf)).toEqual([
      'the message has no messageId or no type',
      'the message has no messageId or no type',
    ]);
    expect([...(await effects('noid-1')), ...(await effects('noid-2'))]).toEqual([]);
  });

  it('retries a handler whose own request downstream failed, rather than taking the failure for an answer', async () => {
    tap.publish(env.AMQP_NAMESPACE, ForwardEffect.name, { key: 'forward' });
    const [dead] = await tap.take(`${queue}.dlq`);
    expect(reasonOf(dead)).toMatch(
      /^handler failed after 4 attempts: no service consumes nowhere.effect.apply.v1/,
    );
    expect(await attempts('forward')).toHaveLength(4);
  });

  it('answers a request for a type bound to the queue but handled by nobody at once', async () => {
    await tap.bindQueue(queue, `${env.AMQP_NAMESPACE}.bus`, 'ledger.stray.thing.v1');
    const started = Date.now();
    const stray = fixture.client.request({ ...ApplyEffect, name: 'ledger.stray.thing.v1' }, { key: 'stray' });
    await expect(stray).rejects.toMatchObject({ code: MessagingErrors.INVALID });
    expect(Date.now() - started).toBeLessThan(2_000);
    await tap.take(`${queue}.dlq`);
  });

  it('rounds a fractional deadline up and refuses a non-positive one', async () => {
    expect(await fixture.client.request(ApplyEffect, { key: 'frac' }, { timeoutMs: 1500.5 })).toMatchObject({
      key: 'frac',
    });
    await expect(
      fixture.client.request(ApplyEffect, { key: 'zero' }, { timeoutMs: 0 }),
    ).rejects.toBeInstanceOf(RangeError);
    expect(await fixture.client.request(ApplyEffect, { key: 'after-frac' })).toMatchObject({
      key: 'after-frac',
    });
  });

  it('attaches its consumer again when the broker cancels it (its queue deleted)', async () => {
    const server = fixture.app.get(MessageServer);
    const before = server.consumerTag;
    expect(before).toBeDefined();
    await tap.deleteQueue(queue);
    // A new consumer tag, not a moment of "not consuming": the re-attach can be quicker than any poll.
    await eventually(
      async () => {
        const response = await fetch(`${fixture.url}/health/ready`);
        return response.status === 200 && server.consuming && server.consumerTag !== before;
      },
      { timeoutMs: 20_000, what: 'the consumer to be attached again' },
    );
    expect(await fixture.client.request(ApplyEffect, { key: 'after-cancel' })).toMatchObject({
      key: 'after-cancel',
    });
  });

  it('lets an instance with other retry delays join the same queue', async () => {
    const other = await startFixture({ ...env, AMQP_RETRY_DELAYS_MS: '300' });
    try {
      await eventually(async () => (await fetch(`${other.url}/health/ready`)).status === 200, {
        what: 'the second instance to be ready',
      });
    } finally {
      await other.close();
    }
  });
});
