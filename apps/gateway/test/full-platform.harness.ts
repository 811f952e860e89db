import type { INestApplication } from '@nestjs/common';
import { MessageClient, startMessaging } from '@tillpoint/messaging';
import { loadServiceConfig, ServiceConfig, startService } from '@tillpoint/runtime';
import {
  BrokerTap,
  dropDatabase,
  freshDatabaseUrl,
  queryRows,
  TEST_PIN_KEYS,
  testServers,
  uniqueName,
} from '@tillpoint/testing';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AuthHarness } from '../../auth/test/auth.harness';
import { AppModule as LedgerModule } from '../../ledger/src/app.module';
import { NotificationsHarness } from '../../notifications/test/notifications.harness';
import { AppModule as VoucherModule } from '../../voucher/src/app.module';
import { VoucherConfig } from '../../voucher/src/config/voucher.config';
import {
  activatedTerminal,
  PlatformHarness,
  startGatewayApp,
  type Answer,
  type PosDevice,
} from './platform.harness';
import { ADMIN } from '../../auth/test/auth.harness';
import { rememberSecrets } from '@tillpoint/testing';
import type { SaleView } from '@tillpoint/contracts';

export const DATA = path.resolve(__dirname, '../../../../shared/data');
const RETRIES = '100,200';

const address = (app: INestApplication) =>
  `http://127.0.0.1:${(app.getHttpServer() as { address(): { port: number } }).address().port}`;

/**
 * The five services in the test's process on one broker namespace, each on a fresh database: auth,
 * ledger, voucher (the shared catalog file, a quick simulator), notifications, and a gateway pointed at
 * this voucher's internal HTTP endpoints.
 */
export class FullPlatform {
  private constructor(
    readonly http: PlatformHarness,
    readonly auth: AuthHarness,
    private readonly apps: INestApplication[],
    readonly notifications: NotificationsHarness,
    readonly databases: { ledger: string; voucher: string },
  ) {}

  static async start(env: Record<string, string> = {}): Promise<FullPlatform> {
    const namespace = uniqueName('gp');
    const common = {
      AMQP_URL: testServers.amqpUrl,
      AMQP_NAMESPACE: namespace,
      AMQP_RETRY_DELAYS_MS: RETRIES,
    };
    const auth = await AuthHarness.start(namespace);
    const ledgerDb = freshDatabaseUrl();
    const ledgerConfig = loadServiceConfig(ServiceConfig, 'ledger', {
      ...common,
      DATABASE_URL: ledgerDb,
      LEDGER_PORT: '0',
      LOG_LEVEL: 'warn',
    });
    const ledger = await startService(LedgerModule.forRoot(ledgerConfig), ledgerConfig, startMessaging);
    const token = randomBytes(24).toString('hex');
    const voucherDb = freshDatabaseUrl();
    const voucherConfig = loadServiceConfig(VoucherConfig, 'voucher', {
      ...common,
      DATABASE_URL: voucherDb,
      VOUCHER_PORT: '0',
      LOG_LEVEL: 'warn',
      CATALOG_FILE: path.join(DATA, 'catalog.json'),
      PIN_KEYS: TEST_PIN_KEYS,
      PIN_HASH_KEY: randomBytes(32).toString('base64'),
      INTERNAL_API_TOKEN: token,
      VOUCHER_SIMULATOR_SLOW_MS: env.VOUCHER_SIMULATOR_SLOW_MS ?? '6000',
    });
    const voucher = await startService(VoucherModule.forRoot(voucherConfig), voucherConfig, startMessaging);
    const notifications = await NotificationsHarness.start(
      { AMQP_RETRY_DELAYS_MS: RETRIES },
      { databaseUrl: freshDatabaseUrl(), namespace },
    );
    const gateway = await startGatewayApp(namespace, {
      GATEWAY_VOUCHER_URL: address(voucher),
      INTERNAL_API_TOKEN: token,
      GATEWAY_SALE_DEADLINE_MS: env.GATEWAY_SALE_DEADLINE_MS ?? '3000',
      LOG_LEVEL: 'warn',
    });
    const http = PlatformHarness.over(auth, gateway, address(gateway));
    await http.ready();
    return new FullPlatform(http, auth, [gateway, voucher, ledger], notifications, {
      ledger: ledgerDb,
      voucher: voucherDb,
    });
  }

  get client(): MessageClient {
    return this.auth.client;
  }

  voucherRows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return queryRows<T>(this.databases.voucher, sql, params);
  }

  async stop(): Promise<void> {
    for (const app of this.apps) await app.close();
    await this.notifications.stop();
    await this.auth.stop();
    const tap = await BrokerTap.open();
    await tap.deleteNamespace(this.auth.namespace, ['ledger', 'voucher'], [100, 200]);
    await tap.deleteNamespace(this.auth.namespace, ['gateway'], [1000, 5000, 30000]);
    await tap.close();
    await dropDatabase(this.databases.ledger);
    await dropDatabase(this.databases.voucher);
  }
}

export const SEED = {
  password: 'back-office-password-1',
  cashierPin: '482913',
  pinSku: 'KE-SAFARICOM-PIN-50',
  phone: '+254712345678',
};
rememberSecrets(SEED.password, SEED.cashierPin);

/** A sale's answer: the SaleView, or a problem with the FAILED sale in `sale`. */
export type SoldOrRefused = SaleView & { sale?: SaleView };

/** What the specs act with: the admin's token, the Kibera shop's terminal and its cashier's session. */
export interface Seeded {
  admin: string;
  till: PosDevice;
  cashier: string;
  sell(body: Record<string, unknown>, headers?: Record<string, string>): Promise<Answer<SoldOrRefused>>;
  post(path: string, body: unknown, token?: string): Promise<Record<string, unknown>>;
}

const dealer = (id: string, currency: string, timeZone: string) => ({
  id,
  name: `Dealer ${id}`,
  currency,
  timeZone,
});

/**
 * Through the HTTP API, as an admin would: the Kibera shop (KES) with a terminal and a cashier, the Lagos hub
 * (NGN) with its dealer-admin `lagos-admin`, and Safaricom with its operator user `saf-ops`.
 */
export async function seedKibera(http: PlatformHarness): Promise<Seeded> {
  const admin = await http.login(ADMIN.username, ADMIN.password);
  const post = async (path: string, body: unknown, token = admin) => {
    const answer = await http.call('POST', path, { token, body });
    if (answer.status !== 201) throw new Error(`${path}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  await post('/admin/dealers', dealer('d-kibera-shop', 'KES', 'Africa/Nairobi'));
  await post('/admin/dealers', dealer('d-lagos-hub', 'NGN', 'Africa/Lagos'));
  await post('/admin/dealers/d-kibera-shop/cashiers', { id: 'c-kibera-1a', pin: SEED.cashierPin });
  await post('/admin/operators', { id: 'ke-safaricom', name: 'Safaricom' });
  const user = (username: string, extra: object) =>
    post('/admin/users', { username, password: SEED.password, ...extra });
  await user('lagos-admin', { role: 'dealer-admin', dealerId: 'd-lagos-hub' });
  await user('saf-ops', { role: 'operator', operatorId: 'ke-safaricom' });
  const till = await activatedTerminal(http, admin, 'd-kibera-shop', 't-kibera-shop-1');
  const cashier = await till.session('c-kibera-1a', SEED.cashierPin);
  const sell = (body: Record<string, unknown>, headers?: Record<string, string>) =>
    till.signed<SoldOrRefused>('POST', '/pos/sales', { body, token: cashier, headers });
  return { admin, till, cashier, sell, post };
}

/**
 * Streams a stock batch (a file's path, or a stream of its text) to the gateway's upload, as an operator's
 * tool would: never read whole.
 */
export async function uploadStock(
  http: PlatformHarness,
  token: string,
  source: string | Readable,
  sku: string,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const stream = typeof source === 'string' ? createReadStream(source) : source;
  // `duplex` is what lets fetch send a stream; the DOM typings do not know it yet.
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    body: Readable.toWeb(stream) as ReadableStream,
    duplex: 'half',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
  };
  const response = await fetch(`${http.url}/admin/stock/batches?sku=${sku}`, init);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}
