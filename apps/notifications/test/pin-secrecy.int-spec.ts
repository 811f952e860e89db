import {
  CreateSubscription,
  ListDeliveries,
  ReprintReceipt,
  SaleCompleted,
  SaleReversed,
} from '@tillpoint/contracts';
import { PinCipher } from '@tillpoint/runtime';
import {
  BrokerTap,
  dropDatabase,
  eventually,
  freshDatabaseUrl,
  repoRoot,
  saleReceipt,
  ServiceProcess,
  TEST_PIN_KEYS,
  testServers,
  uniqueName,
} from '@tillpoint/testing';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Mailbox } from './fixtures/mailbox';
import { Receiver } from './fixtures/receiver';
import { openTestClient } from './fixtures/test-client';
import { principals } from './notifications.harness';

// The service as its own process (its real stdout captured), through every path a PIN takes: storage,
// reprint, webhooks that fail and are parked, e-mail, SMS, a reversal, and an event that is refused.
describe('PINs and secrets never reach the logs or the database in clear', () => {
  const databaseUrl = freshDatabaseUrl();
  const namespace = uniqueName('n');
  const cipher = new PinCipher(TEST_PIN_KEYS);
  const pins = ['730461958237', '284619307512', '902817364455'];
  let service: ServiceProcess;
  let mailbox: Mailbox;
  let failing: Receiver;
  let operator: Receiver;
  let tap: BrokerTap;
  let test: Awaited<ReturnType<typeof openTestClient>>;
  let secret: string;

  beforeAll(async () => {
    [mailbox, failing, operator, tap] = await Promise.all([
      new Mailbox().start(),
      Receiver.start(() => 500),
      Receiver.start(() => 200),
      BrokerTap.open(),
    ]);
    service = ServiceProcess.start('notifications', {
      script: path.join(repoRoot, 'apps/notifications/src/main.ts'),
      port: 3500 + Math.floor(Math.random() * 50),
      env: {
        DATABASE_URL: databaseUrl,
        AMQP_URL: testServers.amqpUrl,
        AMQP_NAMESPACE: namespace,
        AMQP_RETRY_DELAYS_MS: '100',
        LOG_LEVEL: 'debug',
        PIN_KEYS: TEST_PIN_KEYS,
        SMTP_URL: mailbox.url,
        SMS_DRIVER: 'memory',
        DELIVERY_MAX_ATTEMPTS: '2',
        DELIVERY_BACKOFF_MS: '50',
        DELIVERY_POLL_MS: '50',
      },
    });
    await service.waitReady();
    test = await openTestClient(namespace);
  });
  afterAll(async () => {
    await test?.close();
    if (service?.running) await service.stop();
    await Promise.all([mailbox?.stop(), failing?.stop(), operator?.stop()]);
    await tap?.deleteNamespace(namespace, ['notifications'], [100]);
    await tap?.close();
    await dropDatabase(databaseUrl);
  });

  const publish = (name: string, payload: unknown) =>
    tap.publish(namespace, name, payload, {
      messageId: randomUUID(),
      headers: { 'x-occurred-at': new Date().toISOString() },
    });

  let sold: ReturnType<typeof saleReceipt>;
  let output: string;
  let dump: string;

  /** Every path a PIN takes: storage, webhooks retried and parked, e-mail, SMS, reversal, reprints, a refusal. */
  async function drive(): Promise<void> {
    secret = (
      await test.client.request(CreateSubscription, {
        principal: principals.kiberaAdmin,
        url: failing.url,
        events: ['sale.completed', 'sale.reversed'],
      })
    ).secret;
    await test.client.request(CreateSubscription, {
      principal: principals.safaricom,
      url: operator.url,
      events: ['sale.completed'],
    });
    sold = saleReceipt({ customer: { email: 'amina@customer.example', phone: '+254712000111' } });
    const reversed = saleReceipt();
    publish(SaleCompleted.name, { receipt: { ...sold, pin: cipher.seal(pins[0]) } });
    publish(SaleReversed.name, {
      receipt: {
        ...reversed,
        state: 'REVERSED',
        reversedAt: new Date().toISOString(),
        pin: cipher.seal(pins[1]),
      },
    });
    // A broken producer puts a PIN in clear where the sealed one goes: refused, and not echoed.
    publish(SaleCompleted.name, { receipt: { ...saleReceipt(), pin: pins[2] } });

    await eventually(() => mailbox.mails.length === 1 && operator.received.length === 1, {
      what: 'mail + hook',
    });
    await eventually(
      async () => {
        const { deliveries } = await test.client.request(ListDeliveries, {
          principal: principals.admin,
          status: 'parked',
        });
        return deliveries.length === 2;
      },
      { what: 'the dealer deliveries parked' },
    );
    for (const format of ['slip', 'pdf', 'json'] as const) {
      const copy = await test.client.request(ReprintReceipt, {
        principal: principals.kiberaTerminal,
        saleId: sold.saleId,
        format,
      });
      if (format !== 'pdf') expect(JSON.stringify(copy)).toContain(pins[0]);
    }
    const pdf = await test.client.request(ReprintReceipt, {
      principal: principals.kiberaTerminal,
      saleId: sold.saleId,
      format: 'pdf',
    });
    expect(Buffer.from(pdf.pdf!, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(mailbox.mails[0].raw).toContain(pins[0]);
    expect(failing.received[0].body).toContain(pins[0]);
  }

  it('took every path: the PIN went only where it must (reprint, customer e-mail, selling dealer)', async () => {
    await drive();
    for (const format of ['slip', 'json'] as const) {
      const copy = await test.client.request(ReprintReceipt, {
        principal: principals.kiberaTerminal,
        saleId: sold.saleId,
        format,
      });
      expect(JSON.stringify(copy)).toContain(pins[0]);
    }
    const pdf = await test.client.request(ReprintReceipt, {
      principal: principals.kiberaTerminal,
      saleId: sold.saleId,
      format: 'pdf',
    });
    expect(Buffer.from(pdf.pdf!, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(mailbox.mails[0].raw).toContain(pins[0]);
    expect(failing.received[0].body).toContain(pins[0]);
    expect(operator.received[0].body).not.toContain(pins[0]);
    expect(await service.stop()).toBe(0);
    output = service.output.join('\n');
    dump = execFileSync('pg_dump', ['--data-only', databaseUrl], { encoding: 'utf8', maxBuffer: 64 << 20 });
  });

  it('wrote none of the PINs or the webhook secret to its output', () => {
    expect(output).toContain('parked after 2 attempts');
    expect(output).toContain('dead-lettered voucher.sale.completed.v1');
    for (const pin of pins) expect(output).not.toContain(pin);
    expect(output).not.toContain(secret);
  });

  it('keeps none of them in clear in its database', () => {
    expect(dump).toContain(sold.saleId);
    expect(dump).toContain('HTTP 500');
    for (const pin of pins) expect(dump).not.toContain(pin);
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(secret.slice(6));
  });
});
