import {
  CreateSubscription,
  ListAttempts,
  ListDeliveries,
  NotificationErrors,
  Redeliver,
  SaleCompleted,
  WebhookHeaders,
  type Principal,
  type WebhookEvent,
} from '@tillpoint/contracts';
import { eventually, saleReceipt } from '@tillpoint/testing';
import { verifyWebhook } from '../src/deliveries/webhook-signature';
import { Receiver } from './fixtures/receiver';
import { NotificationsHarness, principals } from './notifications.harness';

interface Body {
  id: string;
  type: string;
  data: { receipt: { saleId: string; pin?: string; pinMasked?: boolean; balanceAfter?: string } };
}

describe('webhooks: signed, retried with back-off, parked, redelivered', () => {
  let n: NotificationsHarness;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    n = await NotificationsHarness.start();
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
    await n?.stop();
  });

  const receiver = async (answer: (call: number) => number | 'hang') => {
    const r = await Receiver.start(answer);
    receivers.push(r);
    return r;
  };
  const subscribe = (principal: Principal, url: string, events: WebhookEvent[] = ['sale.completed']) =>
    n.client.request(CreateSubscription, { principal, url, events });
  const sell = (pin: string) => {
    const receipt = saleReceipt();
    return { receipt, eventId: n.publish(SaleCompleted, { receipt: n.sealed(receipt, pin) }) };
  };

  // The first sale: a dealer receiver that fails twice, and the other owners' receivers beside it.
  const pin = '869012641025';
  let others: Record<'safaricom' | 'distributor' | 'airtel' | 'westlands', Receiver>;
  let sale: ReturnType<typeof sell>;

  it('delivers on the third try after two failures: one event id, a valid signature every time', async () => {
    const flaky = await receiver((call) => (call <= 2 ? 500 : 200));
    others = {
      safaricom: await receiver(() => 200),
      distributor: await receiver(() => 200),
      airtel: await receiver(() => 200),
      westlands: await receiver(() => 200),
    };
    const { secret, subscription } = await subscribe(principals.kiberaAdmin, flaky.url);
    await subscribe(principals.safaricom, others.safaricom.url);
    await subscribe(principals.distributorAdmin, others.distributor.url);
    await subscribe(principals.airtel, others.airtel.url);
    await subscribe(principals.westlandsAdmin, others.westlands.url);
    sale = sell(pin);

    await eventually(() => flaky.received.length >= 3, { what: 'three tries at the dealer' });
    const now = Math.floor(Date.now() / 1000);
    for (const request of flaky.received) {
      const signature = String(request.headers[WebhookHeaders.signature.toLowerCase()]);
      expect(verifyWebhook(secret, request.body, signature, now)).toBe(true);
      expect(verifyWebhook('whsec_wrong', request.body, signature, now)).toBe(false);
      expect(request.headers[WebhookHeaders.eventId.toLowerCase()]).toBe(sale.eventId);
    }
    const bodies = flaky.received.map((r) => JSON.parse(r.body) as Body);
    expect(new Set(bodies.map((b) => b.id))).toEqual(new Set([sale.eventId]));
    expect(bodies[2]).toMatchObject({
      type: 'sale.completed',
      data: { receipt: { saleId: sale.receipt.saleId, pin, balanceAfter: '119995300' } },
    });
    await expectLog(subscription.id, sale.eventId);
  });

  /** The delivery is delivered after 3 tries, and the log shows each with its status code and latency. */
  async function expectLog(subscriptionId: string, eventId: string): Promise<void> {
    const { deliveries } = await eventually(async () => {
      const list = await n.client.request(ListDeliveries, {
        principal: principals.kiberaAdmin,
        subscriptionId,
      });
      return list.deliveries[0]?.status === 'delivered' ? list : undefined;
    });
    expect(deliveries).toMatchObject([{ eventId, attempts: 3, lastStatusCode: 200 }]);
    const { attempts } = await n.client.request(ListAttempts, {
      principal: principals.kiberaAdmin,
      subscriptionId,
    });
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.ok])).toEqual([
      [3, 200, true],
      [2, 500, false],
      [1, 500, false],
    ]);
    attempts.forEach((a) => expect(a.latencyMs).toBeGreaterThanOrEqual(0));
  }

  it('gives the operator and the dealers above the seller the PIN masked, other owners nothing', async () => {
    await eventually(
      () => others.safaricom.received.length === 1 && others.distributor.received.length === 1,
      {
        what: 'the operator and distributor copies',
      },
    );
    const operatorCopy = JSON.parse(others.safaricom.received[0].body) as Body;
    expect(operatorCopy.data.receipt).toMatchObject({ pin: '********1025', pinMasked: true });
    expect(operatorCopy.data.receipt.balanceAfter).toBeUndefined();
    const distributorCopy = JSON.parse(others.distributor.received[0].body) as Body;
    expect(distributorCopy.data.receipt).toMatchObject({ pin: '********1025', balanceAfter: '119995300' });
    for (const copy of [others.safaricom, others.distributor])
      expect(copy.received[0].body).not.toContain(pin);
    expect(others.airtel.received).toHaveLength(0);
    expect(others.westlands.received).toHaveLength(0);
  });

  it('parks a delivery after the last attempt (a timeout among them) and delivers it again on request', async () => {
    let healed = false;
    const down = await receiver((call) => (healed ? 200 : call === 1 ? 'hang' : 503));
    const { subscription } = await subscribe(principals.kiberaAdmin, down.url);
    const { eventId } = sell('111122223333');

    const parked = await eventually(
      async () => {
        const { deliveries } = await n.client.request(ListDeliveries, {
          principal: principals.admin,
          status: 'parked',
        });
        return deliveries.find((d) => d.subscriptionId === subscription.id);
      },
      { what: 'the delivery parked' },
    );
    expect(parked).toMatchObject({ eventId, attempts: 3, lastStatusCode: 503 });
    expect(down.received).toHaveLength(3);
    const { attempts } = await n.client.request(ListAttempts, {
      principal: principals.kiberaAdmin,
      subscriptionId: subscription.id,
    });
    expect(attempts.map((a) => a.statusCode ?? a.error)).toEqual([503, 503, 'timed out after 1000 ms']);
    expect(attempts[2].latencyMs).toBeGreaterThanOrEqual(990);

    // Out of scope is not found; only a parked delivery can be asked for again.
    await expect(
      n.client.request(Redeliver, { principal: principals.westlandsAdmin, deliveryId: parked.id }),
    ).rejects.toMatchObject({ code: NotificationErrors.DELIVERY_NOT_FOUND });
    const { deliveries: westlandsView } = await n.client.request(ListDeliveries, {
      principal: principals.westlandsAdmin,
    });
    expect(westlandsView).toEqual([]);

    healed = true;
    const queued = await n.client.request(Redeliver, { principal: principals.admin, deliveryId: parked.id });
    expect(queued).toMatchObject({ status: 'pending', attempts: 0 });
    await eventually(() => down.received.length === 4, { what: 'the redelivery' });
    expect(down.received[3].headers[WebhookHeaders.eventId.toLowerCase()]).toBe(eventId);
    const delivered = await eventually(async () => {
      const { deliveries } = await n.client.request(ListDeliveries, {
        principal: principals.kiberaAdmin,
        subscriptionId: subscription.id,
      });
      return deliveries[0]?.status === 'delivered' ? deliveries[0] : undefined;
    });
    await expect(
      n.client.request(Redeliver, { principal: principals.kiberaAdmin, deliveryId: delivered.id }),
    ).rejects.toMatchObject({ code: NotificationErrors.DELIVERY_NOT_PARKED });
  });

  it('backs off exponentially between tries', async () => {
    const down = await receiver(() => 500);
    await subscribe(principals.kiberaAdmin, down.url);
    sell('444455556666');
    await eventually(() => down.received.length === 3, { what: 'three tries' });
    const at = (
      await n.rows<{ at: Date }>(
        `SELECT a.at FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
        JOIN subscriptions s ON s.id = d.subscription_id WHERE s.url = $1 ORDER BY a.id`,
        [down.url],
      )
    ).map((r) => r.at.getTime());
    // DELIVERY_BACKOFF_MS=100: 100 ms after the first failure, 200 ms after the second.
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(100);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(200);
  });
});
