import type { INestApplication } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  INTERNAL_TOKEN_HEADER,
  OpenAccount,
  PRINCIPAL_HEADER,
  STOCK_UPLOAD_PATH,
  TopUpFloat,
  type Principal,
  type SellerContext,
} from '@tillpoint/contracts';
import { MessageClient, MessagingModule, startMessaging } from '@tillpoint/messaging';
import { loadServiceConfig, startService } from '@tillpoint/runtime';
import {
  BrokerTap,
  dropDatabase,
  freshDatabaseUrl,
  queryRows,
  ServiceProcess,
  testServers,
  uniqueName,
} from '@tillpoint/testing';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AppModule } from '../src/app.module';
import { VoucherConfig } from '../src/config/voucher.config';

export const DATA = path.resolve(__dirname, '../../../../shared/data');
export const PIN_KEYS = 'dev1:6sO3cFQ8b0dnQ3lDk1x2m9y1eR0bZQv7l3rWcY0a5mE=';
const RETRIES = [100, 200];

/** The settings of a voucher under test: a fresh database and namespace, the shared catalog file. */
function voucherEnv(extra: Record<string, string>): Record<string, string> {
  return {
    DATABASE_URL: freshDatabaseUrl(),
    AMQP_URL: testServers.amqpUrl,
    AMQP_NAMESPACE: uniqueName('v'),
    AMQP_RETRY_DELAYS_MS: RETRIES.join(','),
    LOG_LEVEL: 'warn',
    CATALOG_FILE: path.join(DATA, 'catalog.json'),
    PIN_KEYS,
    PIN_HASH_KEY: randomBytes(32).toString('base64'),
    INTERNAL_API_TOKEN: randomBytes(24).toString('hex'),
    ...extra,
  };
}

/**
 * The voucher service against a real ledger: the built ledger as a process (`npx nx build ledger`), voucher
 * in this process (or as a process too, for crash tests), and a message client as the gateway would hold.
 */
export class VoucherHarness {
  app?: INestApplication;
  voucherProcess?: ServiceProcess;

  private constructor(
    readonly env: Record<string, string>,
    readonly ledger: ServiceProcess,
    private readonly clientModule: TestingModule,
  ) {}

  /** `ledgerPort` (and `voucherPort` for a process) from 3400-3449, one per spec file. */
  static async start(options: { ledgerPort: number; voucherPort?: number; env?: Record<string, string> }) {
    const env = voucherEnv(options.env ?? {});
    const ledger = ServiceProcess.start('ledger', { env, port: options.ledgerPort });
    await ledger.waitReady();
    const clientModule = await openClient(env.AMQP_NAMESPACE);
    const harness = new VoucherHarness(env, ledger, clientModule);
    if (options.voucherPort) await harness.startProcess(options.voucherPort);
    else await harness.startInProcess();
    return harness;
  }

  async startInProcess(): Promise<void> {
    const config = loadServiceConfig(VoucherConfig, 'voucher', { ...this.env, VOUCHER_PORT: '0' });
    this.app = await startService(AppModule.forRoot(config), config, startMessaging);
  }

  async startProcess(port: number): Promise<ServiceProcess> {
    this.voucherProcess = ServiceProcess.start('voucher', { env: { ...this.env, LOG_LEVEL: 'info' }, port });
    await this.voucherProcess.waitReady();
    return this.voucherProcess;
  }

  get client(): MessageClient {
    return this.clientModule.get(MessageClient);
  }

  get<T>(type: new (...args: never[]) => T): T {
    return this.app!.get(type);
  }

  get voucherUrl(): string {
    if (this.voucherProcess) return `http://127.0.0.1:${this.voucherProcess.port}`;
    const address = (this.app!.getHttpServer() as http.Server).address() as { port: number };
    return `http://127.0.0.1:${address.port}`;
  }

  rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return queryRows<T>(this.env.DATABASE_URL, sql, params);
  }

  /** Opens a dealer's float in the ledger and tops it up, as the admin flows will. */
  async openFloat(dealerId: string, currency: string, amount: bigint): Promise<void> {
    await this.client.request(OpenAccount, { kind: 'float', owner: dealerId, currency });
    await this.client.request(TopUpFloat, {
      transferId: `topup-${dealerId}`,
      account: `float:${dealerId}`,
      amount,
      actor: 'test-admin',
      reason: 'opening float',
    });
  }

  /** Streams a batch file (or text) to the internal upload endpoint as the gateway would. */
  async upload(
    body: string | { file: string } | Readable,
    sku?: string,
    principal: Principal = { role: 'platform-admin', subject: 'admin' },
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const stream =
      typeof body === 'string'
        ? Readable.from([body])
        : body instanceof Readable
          ? body
          : createReadStream(body.file);
    const query = sku ? `?sku=${encodeURIComponent(sku)}` : '';
    // node:http with pipeline, not fetch: Readable.toWeb does not hold back a fast producer, and the
    // memory test must see the service's memory, not a client buffering the whole body.
    const request = http.request(`${this.voucherUrl}${STOCK_UPLOAD_PATH}${query}`, {
      method: 'POST',
      headers: {
        'content-type': 'text/csv',
        [INTERNAL_TOKEN_HEADER]: this.env.INTERNAL_API_TOKEN,
        [PRINCIPAL_HEADER]: Buffer.from(JSON.stringify(principal)).toString('base64url'),
      },
    });
    const answered = new Promise<http.IncomingMessage>((resolve, reject) => {
      request.on('response', resolve);
      request.on('error', reject);
    });
    await pipeline(stream, request);
    const response = await answered;
    let text = '';
    for await (const chunk of response) text += String(chunk);
    return { status: response.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> };
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.voucherProcess?.stop();
    await this.clientModule.close();
    await this.ledger.stop();
    const tap = await BrokerTap.open();
    await tap.deleteNamespace(this.env.AMQP_NAMESPACE, ['voucher', 'ledger', 'test-client'], RETRIES);
    await tap.close();
    await dropDatabase(this.env.DATABASE_URL);
  }
}

async function openClient(namespace: string): Promise<TestingModule> {
  const module = await Test.createTestingModule({
    imports: [
      MessagingModule.forRoot({
        service: 'test-client',
        instanceId: uniqueName('client-'),
        url: testServers.amqpUrl,
        namespace,
        prefetch: 10,
        retryDelaysMs: [],
        requestTimeoutMs: 20_000,
        shutdownTimeoutMs: 1000,
        contracts: [],
        database: false,
      }),
    ],
  }).compile();
  await module.init();
  return module;
}

/** A terminal session of a dealer in the data files: its principal and seller context. */
export function terminalOf(
  dealerId: string,
  terminalId: string,
  cashierId: string,
  currency: string,
  timeZone = 'Africa/Nairobi',
): { principal: Principal; seller: SellerContext } {
  const dealerPath = [dealerId];
  return {
    principal: { role: 'terminal', subject: cashierId, dealerId, dealerPath, terminalId },
    seller: { dealerId, dealerPath, dealerName: dealerId, currency, timeZone, terminalId, cashierId },
  };
}

/** The PINs of a batch file in clear (to look for them where they must not be). */
export function pinsOf(file: string): string[] {
  return readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.replace(/"/g, '').split(/[,|]/))
    .map((fields) => (fields[0] === 'D' ? fields[2] : fields[0] === 'T' ? undefined : fields[1]))
    .filter((pin): pin is string => !!pin && /^[0-9]+$/.test(pin));
}
