import { DomainError, MessagingErrors } from '@tillpoint/contracts';
import { Headers } from '@tillpoint/messaging';
import { withCorrelation } from '@tillpoint/runtime';
import { BrokerTap, dropDatabase, eventually, queryRows, sleep } from '@tillpoint/testing';
import { ApplyEffect, FailEffect, RefuseEffect, WriteNote } from './fixtures/fixture.contracts';
import { fixtureEnv, startFixture, type FixtureApp, type FixtureEnv } from './fixtures/fixture.harness';

describe('messaging against the real broker and database', () => {
  let env: FixtureEnv;
  let fixture: FixtureApp;
  let tap: BrokerTap;
  let queue: string;

  beforeAll(async () => {
    env = fixtureEnv();
    queue = `${env.AMQP_NAMESPACE}.ledger`;
    fixture = await startFixture(env);
    tap = await BrokerTap.open();
  });

  afterAll(async () => {
    await fixture?.close();
    await tap?.deleteNamespace(env.AMQP_NAMESPACE, ['ledger'], [200, 400, 800]);
    await tap?.close();
    await dropDatabase(env.DATABASE_URL);
  });

  const effects = (key: string) =>
    queryRows(env.DATABASE_URL, 'SELECT * FROM ledger.effects WHERE key = $1', [key]);
  const deadReason = (m: { properties: { headers?: Record<string, unknown> } }) =>
    String(m.properties.headers?.[Headers.deadReason]);

  it('answers a request and applies its effect once', async () => {
    const reply = await fixture.client.request(ApplyEffect, { key: 'round-trip' });
    expect(reply).toMatchObject({ key: 'round-trip', instance: fixture.instanceId });
    expect(await effects('round-trip')).toHaveLength(1);
  });

  it('answers a domain refusal with its code, without retrying it', async () => {
    const refusal = fixture.client.request(RefuseEffect, { key: 'no' });
    await expect(refusal).rejects.toMatchObject({ code: 'FIXTURE.REFUSED', details: { key: 'no' } });
    expect(await tap.messageCount(`${queue}.dlq`)).toBe(0);
  });

  it('dead-letters a body that is not JSON with the reason, and goes on with the next message', async () => {
    tap.sendRaw(queue, '{"key": "poison"', { type: ApplyEffect.name });
    const [dead] = await tap.take(`${queue}.dlq`);
    expect(deadReason(dead)).toMatch(/not JSON/);
    expect(dead.content.toString()).toBe('{"key": "poison"');
    await fixture.client.request(ApplyEffect, { key: 'after-poison' });
    expect(await effects('after-poison')).toHaveLength(1);
  });

  it('dead-letters a message type nobody handles, and goes on with the next message', async () => {
    tap.sendRaw(queue, '{}', { type: 'ledger.nothing.here.v1' });
    const [dead] = await tap.take(`${queue}.dlq`);
    expect(deadReason(dead)).toMatch(/no handler for message type "ledger.nothing.here.v1"/);
    await fixture.client.request(ApplyEffect, { key: 'after-unknown' });
    expect(await effects('after-unknown')).toHaveLength(1);
  });

  it('dead-letters a payload that fails validation, answering the caller at once', async () => {
    const invalid = fixture.client.request(ApplyEffect, {
      key: 42 as unknown as string,
      extra: true,
    } as never);
    await expect(invalid).rejects.toMatchObject({ code: MessagingErrors.INVALID });
    const [dead] = await tap.take(`${queue}.dlq`);
    expect(deadReason(dead)).toMatch(/key: .*key must be a string/);
    expect(deadReason(dead)).toMatch(/property extra should not exist/);
    await fixture.client.request(ApplyEffect, { key: 'after-invalid' });
    expect(await effects('after-invalid')).toHaveLength(1);
  });

  it('retries a failing handler with growing back-off, then dead-letters it with the reason', async () => {
    await fixture.client.emit(
      { kind: 'event', name: FailEffect.name, payload: FailEffect.request },
      { key: 'doomed' },
    );
    const [dead] = await tap.take(`${queue}.dlq`);
    expect(deadReason(dead)).toBe('handler failed after 4 attempts: fixture failure for doomed');
    const attempts = await queryRows<{ at: Date }>(
      env.DATABASE_URL,
      "SELECT at FROM ledger.attempts WHERE key = 'doomed' ORDER BY at",
    );
    expect(attempts).toHaveLength(4);
    const gaps = attempts.slice(1).map((a, i) => a.at.getTime() - attempts[i].at.getTime());
    // Retry delays are 200, 400 and 800 ms; the broker's TTL sweep may add a little, never take away.
    [200, 400, 800].forEach((delay, i) => expect(gaps[i]).toBeGreaterThanOrEqual(delay - 20));
  });

  it('fails a request whose handler is gone with a timeout within its deadline', async () => {
    // Bound and durable, but its consumer's process is gone: the request just sits there.
    const name = 'orphan.thing.do.v1';
    const orphan = await tap.bindOrphan(env.AMQP_NAMESPACE, name);
    const started = Date.now();
    const request = fixture.client.request(
      { kind: 'command', name, request: ApplyEffect.request },
      { key: 'x' },
      {
        timeoutMs: 800,
      },
    );
    await expect(request).rejects.toMatchObject({ code: MessagingErrors.TIMEOUT });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(790);
    expect(elapsed).toBeLessThan(800 + 400);
    // The broker drops the expired request, so a consumer that comes back never acts on it late.
    await eventually(async () => (await tap.messageCount(orphan)) === 0, {
      what: 'the expired request to go',
    });
  });

  it('fails a request nobody is bound for at once, instead of waiting out its deadline', async () => {
    const started = Date.now();
    const request = fixture.client.request(
      { kind: 'command', name: 'nobody.thing.do.v1', request: ApplyEffect.request },
      { key: 'x' },
      { timeoutMs: 5_000 },
    );
    await expect(request).rejects.toMatchObject({ code: MessagingErrors.NO_ROUTE });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('drops a reply that comes after the deadline and keeps answering later requests', async () => {
    const late = fixture.client.request(ApplyEffect, { key: 'late', delayMs: 1_000 }, { timeoutMs: 300 });
    await expect(late).rejects.toBeInstanceOf(DomainError);
    await expect(late).rejects.toMatchObject({ code: MessagingErrors.TIMEOUT });
    await sleep(1_200); // the late reply arrives now and finds nobody waiting
    expect(await fixture.client.request(ApplyEffect, { key: 'after-late' })).toMatchObject({
      key: 'after-late',
    });
  });

  it('gives a redelivered message no second effect and the first answer again', async () => {
    const messageId = 'same-message-twice';
    const first = await fixture.client.request(ApplyEffect, { key: 'twice' }, { messageId });
    const second = await fixture.client.request(ApplyEffect, { key: 'twice' }, { messageId });
    expect(second).toEqual(first);
    expect(await effects('twice')).toHaveLength(1);
  });

  it('carries the caller correlation id to the handler, and on to the events it writes', async () => {
    const reply = await withCorrelation('corr-follow-me', () =>
      fixture.client.request(ApplyEffect, { key: 'corr' }),
    );
    expect(reply.correlationId).toBe('corr-follow-me');
    const { eventId } = await withCorrelation('corr-event', () =>
      fixture.client.request(WriteNote, { text: 'c' }),
    );
    const [seen] = await eventually(() =>
      queryRows<{ correlation_id: string }>(
        env.DATABASE_URL,
        'SELECT correlation_id FROM ledger.notes_seen WHERE event_id = $1',
        [eventId],
      ).then((rows) => rows.length > 0 && rows),
    );
    expect(seen.correlation_id).toBe('corr-event');
  });

  it('publishes an event written in a transaction through the outbox, and its consumer applies it once', async () => {
    const { eventId } = await fixture.client.request(WriteNote, { text: 'hello' });
    const seen = await eventually(async () => {
      const rows = await queryRows(env.DATABASE_URL, 'SELECT * FROM ledger.notes_seen WHERE event_id = $1', [
        eventId,
      ]);
      return rows.length > 0 && rows;
    });
    expect(seen).toEqual([{ text: 'hello', event_id: eventId, correlation_id: expect.any(String) }]);
    const [outbox] = await queryRows<{ published_at: Date | null }>(
      env.DATABASE_URL,
      'SELECT published_at FROM ledger.outbox WHERE id = $1',
      [eventId],
    );
    expect(outbox.published_at).not.toBeNull();
  });
});
