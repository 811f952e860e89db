import {
  CreateSubscription,
  DealerCreated,
  DealerUpdated,
  FloatLow,
  ListDeliveries,
  SaleCompleted,
  type DealerProfile,
} from '@tillpoint/contracts';
import { eventually, saleReceipt } from '@tillpoint/testing';
import { MemorySmsDriver, SmsDriver } from '../src/channels/sms.driver';
import { Mailbox } from './fixtures/mailbox';
import { Receiver } from './fixtures/receiver';
import { NotificationsHarness, principals } from './notifications.harness';

const kibera: DealerProfile = {
  id: 'd-kibera-shop',
  parentId: 'd-nairobi-dist',
  path: ['d-nairobi-dist', 'd-kibera-shop'],
  name: 'Kibera Corner Shop',
  currency: 'KES',
  timeZone: 'Africa/Nairobi',
  email: 'old-address@kibera.example',
};

describe('e-mail over SMTP, SMS, and low-float alerts', () => {
  let n: NotificationsHarness;
  let mailbox: Mailbox;

  beforeAll(async () => {
    mailbox = await new Mailbox().start();
    n = await NotificationsHarness.start({
      SMTP_URL: mailbox.url,
      MAIL_FROM: 'receipts@tillpoint.test',
      SMS_DRIVER: 'memory',
    });
  });
  afterAll(async () => {
    await n?.stop();
    await mailbox?.stop();
  });

  it('e-mails the customer the receipt with the PIN, and texts it to the customer phone', async () => {
    const pin = '551234987600';
    const receipt = saleReceipt({ customer: { email: 'amina@customer.example', phone: '+254712000111' } });
    n.publish(SaleCompleted, { receipt: n.sealed(receipt, pin) });

    const mail = await eventually(() => mailbox.mails.find((m) => m.to.includes('amina@customer.example')), {
      what: 'the e-mail receipt',
    });
    expect(mail.from).toBe('receipts@tillpoint.test');
    const text = Mailbox.text(mail);
    expect(text).toContain(`Your Safaricom receipt ${receipt.saleId}`);
    expect(text).toContain(pin);
    expect(text).toMatch(/Amount +KES 50\.00/);
    expect(text).toMatch(/Balance after +KES 1,199,953\.00/);
    expect(mail.raw).toContain(`receipt-${receipt.saleId}.pdf`);

    const sms = n.get(SmsDriver) as MemorySmsDriver;
    const texted = await eventually(() => sms.sent.find((m) => m.to === '+254712000111'), {
      what: 'the SMS',
    });
    expect(texted.text).toContain(`PIN ${pin}`);
    expect(texted.text).toContain('Dial *141*PIN#');

    const { deliveries } = await n.client.request(ListDeliveries, { principal: principals.admin });
    expect(deliveries.map((d) => [d.channel, d.status]).sort()).toEqual([
      ['email', 'delivered'],
      ['sms', 'delivered'],
    ]);
    // Direct messages have no subscription: a dealer-admin does not see the customer's address.
    expect(
      (await n.client.request(ListDeliveries, { principal: principals.kiberaAdmin })).deliveries,
    ).toEqual([]);
  });

  it('tells the dealer of a low float by webhook and by e-mail to its latest address', async () => {
    const hook = await Receiver.start(() => 204);
    try {
      await n.client.request(CreateSubscription, {
        principal: principals.kiberaAdmin,
        url: hook.url,
        events: ['float.low'],
      });
      n.publish(DealerCreated, { dealer: kibera });
      await eventually(async () => (await n.rows('SELECT 1 FROM dealers')).length === 1);
      n.publish(DealerUpdated, { dealer: { ...kibera, email: 'owner@kibera.example' } });
      await eventually(
        async () =>
          (await n.rows<{ email: string }>('SELECT email FROM dealers'))[0]?.email === 'owner@kibera.example',
        { what: 'the dealer projection' },
      );
      const eventId = n.publish(FloatLow, {
        account: 'float:d-kibera-shop',
        dealer: 'd-kibera-shop',
        currency: 'KES',
        available: '450000',
        threshold: '500000',
      });

      const mail = await eventually(() => mailbox.mails.find((m) => m.to.includes('owner@kibera.example')), {
        what: 'the low-float e-mail',
      });
      expect(Mailbox.text(mail)).toContain('is down to KES 4,500.00, below your alert level of KES 5,000.00');
      await eventually(() => hook.received.length === 1, { what: 'the low-float webhook' });
      const body = JSON.parse(hook.received[0].body) as { id: string; type: string; data: unknown };
      expect(body).toMatchObject({
        id: eventId,
        type: 'float.low',
        data: { alert: { dealer: 'd-kibera-shop', available: '450000', availableText: 'KES 4,500.00' } },
      });
      expect(mailbox.mails.some((m) => m.to.includes('old-address@kibera.example'))).toBe(false);
    } finally {
      await hook.stop();
    }
  });
});
