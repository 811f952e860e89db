import type { INestApplication } from '@nestjs/common';
import { MessageClient, startMessaging } from '@tillpoint/messaging';
import { loadServiceConfig, startService } from '@tillpoint/runtime';
import {
  BrokerTap,
  dropDatabase,
  freshDatabaseUrl,
  queryRows,
  rememberSecrets,
  testServers,
} from '@tillpoint/testing';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { AppModule } from '../src/app.module';
import { AuthConfig } from '../src/config/auth.config';

const signing = generateKeyPairSync('ed25519');

/** A fresh signing key and device-secret key for a test run (never the development ones). */
export const authKeys = {
  AUTH_SIGNING_KEY: `test:${signing.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`,
  AUTH_DEVICE_SECRET_KEYS: `test:${randomBytes(32).toString('base64')}`,
};

/** The private key behind `authKeys`, for specs that mint their own tokens (an expired one). */
export const testSigningKey = { kid: 'test', key: signing.privateKey };

export const ADMIN = { username: 'root-admin', password: `pw-${randomBytes(9).toString('base64url')}` };
rememberSecrets(ADMIN.password);

/** The auth service in the test's process, on a fresh database, in the given broker namespace. */
export class AuthHarness {
  private constructor(
    readonly app: INestApplication,
    readonly databaseUrl: string,
    readonly namespace: string,
  ) {}

  static async start(namespace: string, env: Record<string, string> = {}): Promise<AuthHarness> {
    const databaseUrl = freshDatabaseUrl();
    const config = loadServiceConfig(AuthConfig, 'auth', {
      DATABASE_URL: databaseUrl,
      AMQP_URL: testServers.amqpUrl,
      AMQP_NAMESPACE: namespace,
      AMQP_RETRY_DELAYS_MS: '100,200',
      AUTH_PORT: '0',
      LOG_LEVEL: 'info',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      AUTH_LOCKOUT_S: '60',
      ...authKeys,
      ...env,
    });
    const app = await startService(AppModule.forRoot(config), config, startMessaging);
    return new AuthHarness(app, databaseUrl, namespace);
  }

  get client(): MessageClient {
    return this.app.get(MessageClient);
  }

  rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return queryRows<T>(this.databaseUrl, sql, params);
  }

  async stop(): Promise<void> {
    await this.app.close();
    const tap = await BrokerTap.open();
    await tap.deleteNamespace(this.namespace, ['auth'], [100, 200]);
    await tap.close();
    await dropDatabase(this.databaseUrl);
  }
}
