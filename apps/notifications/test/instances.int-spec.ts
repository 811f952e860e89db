import { CreateSubscription, SaleCompleted } from '@tillpoint/contracts';
import { eventually, saleReceipt, sleep } from '@tillpoint/testing';
import { Receiver } from './fixtures/receiver';
import { NotificationsHarness, principals } from './notifications.harness';

// DESIGN invariant 6 with competing instances: every sale reaches every matching subscriber, each event id
// once when the receiver answers at once, with both instances claiming from the same delivery queue.
describe('two instances share the delivery queue', () => {
  let first: NotificationsHarness;
  let second: NotificationsHarness;
  let dealer: Receiver;
  let operator: Receiver;

  beforeAll(async () => {
    // A generous attempt timeout: on a loaded machine a 1 s one expires while the receiver is answering, and
    // the retry is a legitimate at-least-once duplicate; this spec is about two instances never claiming one row.
    const settings = { DELIVERY_POLL_MS: '20', DELIVERY_TIMEOUT_MS: '20000' };
    first = await NotificationsHarness.start({ ...settings, INSTANCE_ID: 'first' });
    second = await first.another({ ...settings, INSTANCE_ID: 'second' });
    [dealer, operator] = await Promise.all([Receiver.start(() => 200), Receiver.start(() => 200)]);
  });
  afterAll(async () => {
    await Promise.all([dealer?.stop(), operator?.stop()]);
    await second?.close();
    await first?.stop();
  });

  it('delivers each of 150 sales to both subscribers exactly once between them', async () => {
    await first.client.request(CreateSubscription, {
      principal: principals.kiberaAdmin,
      url: dealer.url,
      events: ['sale.completed'],
    });
    await second.client.request(CreateSubscription, {
      principal: principals.safaricom,
      url: operator.url,
      events: ['sale.completed'],
    });
    const events = Array.from({ length: 150 }, () =>
      first.publish(SaleCompleted, { receipt: first.sealed(saleReceipt(), '123412341234') }),
    );
    await eventually(() => dealer.received.length >= 150 && operator.received.length >= 150, {
      timeoutMs: 60_000,
      what: '300 deliveries',
    });
    await sleep(500); // a duplicate would arrive within a poll or two
    for (const receiver of [dealer, operator]) {
      const ids = receiver.received.map((r) => String(r.headers['tillpoint-event-id']));
      expect(ids).toHaveLength(150);
      expect(new Set(ids)).toEqual(new Set(events));
    }
    const attempts = await first.rows<{ instance: string; n: string }>(
      'SELECT instance, count(*) AS n FROM delivery_attempts GROUP BY instance ORDER BY instance',
    );
    expect(attempts.map((a) => a.instance)).toEqual(['first', 'second']);
    expect(attempts.reduce((sum, a) => sum + Number(a.n), 0)).toBe(300);
  });
});
