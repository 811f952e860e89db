import {
  CreateSubscription,
  DeleteSubscription,
  ListDeliveries,
  ListSubscriptions,
  NotificationErrors,
  SaleCompleted,
  type Principal,
} from '@tillpoint/contracts';
import { eventually, saleReceipt } from '@tillpoint/testing';
import { register } from 'prom-client';
import { Receiver } from './fixtures/receiver';
import { NotificationsHarness, principals } from './notifications.harness';

describe('subscriptions: owned, scoped, validated', () => {
  let n: NotificationsHarness;
  let hook: Receiver;

  beforeAll(async () => {
    [n, hook] = await Promise.all([NotificationsHarness.start(), Receiver.start(() => 200)]);
  });
  afterAll(async () => {
    await hook?.stop();
    await n?.stop();
  });

  const create = (principal: Principal, extra: Record<string, unknown> = {}) =>
    n.client.request(CreateSubscription, { principal, url: hook.url, events: ['sale.completed'], ...extra });

  it('refuses URLs that are not http(s), float.low for operators, and owners that cannot be', async () => {
    for (const url of ['ftp://example.com/x', 'javascript:alert(1)', 'file:///etc/passwd', '/relative']) {
      await expect(create(principals.kiberaAdmin, { url })).rejects.toMatchObject({
        code: NotificationErrors.INVALID_URL,
      });
    }
    await expect(create(principals.safaricom, { events: ['float.low'] })).rejects.toMatchObject({
      code: NotificationErrors.INVALID_EVENTS,
    });
    await expect(
      create(principals.kiberaAdmin, { events: ['sale.completed', 'sale.completed'] }),
    ).rejects.toMatchObject({ code: NotificationErrors.INVALID_EVENTS });
    await expect(create(principals.kiberaTerminal)).rejects.toMatchObject({
      code: NotificationErrors.OWNER_REQUIRED,
    });
    await expect(create(principals.admin)).rejects.toMatchObject({ code: NotificationErrors.OWNER_REQUIRED });
    await expect(create(principals.admin, { events: ['sale.reversed', 'bogus'] })).rejects.toMatchObject({
      code: 'MESSAGING.INVALID_MESSAGE',
    });
  });

  it('lets each owner see and delete only its own; a platform admin sees all', async () => {
    const kibera = (await create(principals.kiberaAdmin)).subscription;
    const forWestlands = (await create(principals.admin, { dealerId: 'd-westlands-mart' })).subscription;
    const safaricom = (await create(principals.safaricom)).subscription;
    expect(forWestlands).toMatchObject({ ownerKind: 'dealer', ownerId: 'd-westlands-mart' });
    expect(safaricom).toMatchObject({ ownerKind: 'operator', ownerId: 'ke-safaricom' });

    const ids = async (principal: Principal) =>
      (await n.client.request(ListSubscriptions, { principal })).subscriptions.map((s) => s.id).sort();
    expect(await ids(principals.kiberaAdmin)).toEqual([kibera.id]);
    expect(await ids(principals.westlandsAdmin)).toEqual([forWestlands.id]);
    expect(await ids(principals.safaricom)).toEqual([safaricom.id]);
    expect(await ids(principals.kiberaTerminal)).toEqual([]);
    expect(await ids(principals.admin)).toEqual([kibera.id, forWestlands.id, safaricom.id].sort());

    await expect(
      n.client.request(DeleteSubscription, {
        principal: principals.westlandsAdmin,
        subscriptionId: kibera.id,
      }),
    ).rejects.toMatchObject({ code: NotificationErrors.SUBSCRIPTION_NOT_FOUND });
    const deleted = await n.client.request(DeleteSubscription, {
      principal: principals.kiberaAdmin,
      subscriptionId: kibera.id,
    });
    expect(deleted.active).toBe(false);
  });

  it('sends nothing to a deleted subscription, and skips e-mail (counted) while SMTP is off', async () => {
    const skippedBefore = await skipped('email');
    const receipt = saleReceipt({ customer: { email: 'amina@customer.example' } });
    n.publish(SaleCompleted, { receipt: n.sealed(receipt, '999988887777') });
    // The operator's subscription is still active: once it has its copy, the sale has been planned.
    await eventually(() => hook.received.length === 1, { what: 'the operator copy' });
    const { deliveries } = await n.client.request(ListDeliveries, { principal: principals.admin });
    expect(deliveries.map((d) => d.channel)).toEqual(['webhook']);
    expect(JSON.parse(hook.received[0].body)).toMatchObject({ data: { receipt: { pinMasked: true } } });
    expect((await skipped('email')) - skippedBefore).toBe(1);
  });

  it('cancels what a subscription still had pending when it is deleted', async () => {
    const down = await Receiver.start(() => 500);
    try {
      const { subscription } = await n.client.request(CreateSubscription, {
        principal: principals.westlandsAdmin,
        url: down.url,
        events: ['sale.completed'],
      });
      const seller = {
        ...saleReceipt().seller,
        dealerId: 'd-westlands-mart',
        terminalId: 't-westlands-mart-1',
      };
      n.publish(SaleCompleted, {
        receipt: n.sealed(
          saleReceipt({ seller: { ...seller, dealerPath: ['d-nairobi-dist', 'd-westlands-mart'] } }),
          '246813579024',
        ),
      });
      await eventually(() => down.received.length >= 1, { what: 'a first failed try' });
      await n.client.request(DeleteSubscription, {
        principal: principals.westlandsAdmin,
        subscriptionId: subscription.id,
      });
      const status = async () =>
        (
          await n.client.request(ListDeliveries, {
            principal: principals.westlandsAdmin,
            subscriptionId: subscription.id,
          })
        ).deliveries[0]?.status;
      await eventually(async () => (await status()) === 'cancelled', { what: 'the delivery cancelled' });
      const tries = down.received.length;
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(down.received.length).toBe(tries);
      expect(await status()).toBe('cancelled');
    } finally {
      await down.stop();
    }
  });
});

async function skipped(channel: string): Promise<number> {
  const metric = await register.getSingleMetric('notifications_skipped_total')?.get();
  return metric?.values.find((v) => v.labels.channel === channel)?.value ?? 0;
}
