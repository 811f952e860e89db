import type { INestApplication } from '@nestjs/common';
import { OpenAccount, TopUpFloat, type AccountView } from '@tillpoint/contracts';
import { MessageClient, startMessaging } from '@tillpoint/messaging';
import { loadServiceConfig, ServiceConfig, startService } from '@tillpoint/runtime';
import {
  BrokerTap,
  dropDatabase,
  freshDatabaseUrl,
  queryRows,
  testServers,
  uniqueName,
} from '@tillpoint/testing';
import { AppModule } from '../src/app.module';

/** The ledger service in the test's process, on a fresh database and a namespace of its own. */
export class LedgerHarness {
  private constructor(
    readonly app: INestApplication,
    readonly databaseUrl: string,
    readonly namespace: string,
  ) {}

  static async start(): Promise<LedgerHarness> {
    const databaseUrl = freshDatabaseUrl();
    const namespace = uniqueName('l');
    const config = loadServiceConfig(ServiceConfig, 'ledger', {
      DATABASE_URL: databaseUrl,
      AMQP_URL: testServers.amqpUrl,
      AMQP_NAMESPACE: namespace,
      AMQP_RETRY_DELAYS_MS: '100,200',
      LEDGER_PORT: '0',
      LOG_LEVEL: 'warn',
    });
    const app = await startService(AppModule.forRoot(config), config, startMessaging);
    return new LedgerHarness(app, databaseUrl, namespace);
  }

  get client(): MessageClient {
    return this.app.get(MessageClient);
  }

  get<T>(type: new (...args: never[]) => T): T {
    return this.app.get(type);
  }

  private floats = 0;

  /** A fresh KES float holding `amount` cents (topped up by an admin), with an optional credit limit. */
  async openFloat(amount: bigint, creditLimit?: bigint): Promise<string> {
    const owner = `dealer-${this.floats++}`;
    await this.client.request(OpenAccount, { kind: 'float', owner, currency: 'KES', creditLimit });
    if (amount > 0n) {
      await this.client.request(TopUpFloat, {
        transferId: `open-${owner}`,
        account: `float:${owner}`,
        amount,
        actor: 'admin',
        reason: 'opening float',
      });
    }
    return `float:${owner}`;
  }

  rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return queryRows<T>(this.databaseUrl, sql, params);
  }

  async stop(): Promise<void> {
    await this.app.close();
    const tap = await BrokerTap.open();
    await tap.deleteNamespace(this.namespace, ['ledger'], [100, 200]);
    await tap.close();
    await dropDatabase(this.databaseUrl);
  }
}

export const money = (view: Pick<AccountView, 'posted' | 'held' | 'available'>) => ({
  posted: BigInt(view.posted),
  held: BigInt(view.held),
  available: BigInt(view.available),
});
