import { register, type Counter } from 'prom-client';
import type { INestApplication } from '@nestjs/common';
import type { EventContract, Principal, SaleReceipt } from '@tillpoint/contracts';
import { MessageClient, startMessaging } from '@tillpoint/messaging';
import { loadServiceConfig, PinCipher, startService } from '@tillpoint/runtime';
import {
  BrokerTap,
  dropDatabase,
  freshDatabaseUrl,
  queryRows,
  TEST_PIN_KEYS,
  testServers,
  uniqueName,
} from '@tillpoint/testing';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../src/app.module';
import { NotificationsConfig } from '../src/config/notifications.config';

const RETRY_DELAYS = [100, 200];

/** The notifications service in the test's process, on a fresh database and a namespace of its own. */
export class NotificationsHarness {
  readonly cipher = new PinCipher(TEST_PIN_KEYS);

  private constructor(
    readonly app: INestApplication,
    readonly databaseUrl: string,
    readonly namespace: string,
    private readonly tap: BrokerTap,
  ) {}

  /** Short back-off and few attempts by default, so retries and parking happen within a test. */
  static async start(
    env: Record<string, string> = {},
    shared?: { databaseUrl: string; namespace: string },
  ): Promise<NotificationsHarness> {
    const databaseUrl = shared?.databaseUrl ?? freshDatabaseUrl();
    const namespace = shared?.namespace ?? uniqueName('n');
    const config = loadServiceConfig(NotificationsConfig, 'notifications', {
      DATABASE_URL: databaseUrl,
      AMQP_URL: testServers.amqpUrl,
      AMQP_NAMESPACE: namespace,
      AMQP_RETRY_DELAYS_MS: RETRY_DELAYS.join(','),
      NOTIFICATIONS_PORT: '0',
      LOG_LEVEL: 'warn',
      PIN_KEYS: TEST_PIN_KEYS,
      DELIVERY_MAX_ATTEMPTS: '3',
      DELIVERY_BACKOFF_MS: '100',
      DELIVERY_BACKOFF_CAP_MS: '1000',
      DELIVERY_TIMEOUT_MS: '1000',
      DELIVERY_POLL_MS: '50',
      ...env,
    });
    const app = await startService(AppModule.forRoot(config), config, startMessaging);
    return new NotificationsHarness(app, databaseUrl, namespace, await BrokerTap.open());
  }

  /** How many messages of this name the service has handled (and acknowledged) so far. */
  async consumed(name: string): Promise<number> {
    const metric = register.getSingleMetric('messaging_consumed_total') as Counter | undefined;
    const values = metric ? (await metric.get()).values : [];
    return values
      .filter((v) => v.labels.name === name && v.labels.outcome === 'ok')
      .reduce((sum, v) => sum + v.value, 0);
  }

  get client(): MessageClient {
    return this.app.get(MessageClient);
  }

  get<T>(type: abstract new (...args: never[]) => T): T {
    return this.app.get(type);
  }

  /** Publishes an event onto the bus as its producer's outbox relay would; returns the event id. */
  publish<P>(contract: EventContract<P>, payload: P, messageId: string = randomUUID()): string {
    this.tap.publish(this.namespace, contract.name, payload, {
      messageId,
      timestamp: Math.floor(Date.now() / 1000),
      headers: {
        'x-correlation-id': messageId,
        'x-occurred-at': new Date().toISOString(),
        'x-producer': contract.name.split('.')[0],
      },
    });
    return messageId;
  }

  /** A receipt whose PIN is sealed with the platform key, as the voucher service sends it. */
  sealed(receipt: SaleReceipt, pin: string): SaleReceipt {
    return { ...receipt, pin: this.cipher.seal(pin) };
  }

  rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    // The service's tables live in its schema.
    return queryRows<T>(`${this.databaseUrl}?options=-c%20search_path%3Dnotifications`, sql, params);
  }

  /** A second instance of the same service: same database, same queues (competing consumers). */
  another(env: Record<string, string> = {}): Promise<NotificationsHarness> {
    return NotificationsHarness.start(env, { databaseUrl: this.databaseUrl, namespace: this.namespace });
  }

  /** Stops this instance only, leaving the database and the queues to the others. */
  async close(): Promise<void> {
    await this.app.close();
    await this.tap.close();
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.tap.deleteNamespace(this.namespace, ['notifications'], RETRY_DELAYS);
    await this.tap.close();
    await dropDatabase(this.databaseUrl);
  }
}

/** Principals as the gateway builds them from the data files' organisations. */
export const principals = {
  kiberaTerminal: {
    role: 'terminal',
    subject: 'c-kibera-1a',
    dealerId: 'd-kibera-shop',
    dealerPath: ['d-nairobi-dist', 'd-kibera-shop'],
    terminalId: 't-kibera-shop-1',
  },
  otherKiberaTerminal: {
    role: 'terminal',
    subject: 'c-kibera-2a',
    dealerId: 'd-kibera-shop',
    dealerPath: ['d-nairobi-dist', 'd-kibera-shop'],
    terminalId: 't-kibera-shop-2',
  },
  kiberaAdmin: {
    role: 'dealer-admin',
    subject: 'u-kibera',
    dealerId: 'd-kibera-shop',
    dealerPath: ['d-nairobi-dist', 'd-kibera-shop'],
  },
  distributorAdmin: {
    role: 'dealer-admin',
    subject: 'u-nairobi',
    dealerId: 'd-nairobi-dist',
    dealerPath: ['d-nairobi-dist'],
  },
  westlandsAdmin: {
    role: 'dealer-admin',
    subject: 'u-westlands',
    dealerId: 'd-westlands-mart',
    dealerPath: ['d-nairobi-dist', 'd-westlands-mart'],
  },
  safaricom: { role: 'operator', subject: 'u-safaricom', operatorId: 'ke-safaricom' },
  airtel: { role: 'operator', subject: 'u-airtel', operatorId: 'ke-airtel' },
  admin: { role: 'platform-admin', subject: 'admin' },
} satisfies Record<string, Principal>;
