import { verify } from '@node-rs/argon2';
import { createService, loadServiceConfig } from '@tillpoint/runtime';
import {
  BrokerTap,
  dropDatabase,
  freshDatabaseUrl,
  queryRows,
  testServers,
  uniqueName,
} from '@tillpoint/testing';
import { AppModule } from '../src/app.module';
import { AuthConfig } from '../src/config/auth.config';
import { authKeys } from './auth.harness';

describe('the first platform admin', () => {
  const databaseUrl = freshDatabaseUrl();
  const namespace = uniqueName('a');

  const startAuth = async (password: string) => {
    const config = loadServiceConfig(AuthConfig, 'auth', {
      DATABASE_URL: databaseUrl,
      AMQP_URL: testServers.amqpUrl,
      AMQP_NAMESPACE: namespace,
      ADMIN_USERNAME: 'root-admin',
      ADMIN_PASSWORD: password,
      ...authKeys,
      LOG_LEVEL: 'warn',
    });
    const app = await createService(AppModule.forRoot(config), config);
    await app.init();
    return app;
  };

  afterAll(async () => {
    const tap = await BrokerTap.open();
    await tap.deleteNamespace(namespace, ['auth']);
    await tap.close();
    await dropDatabase(databaseUrl);
  });

  it('is created at start with a slow hash of the configured password, and never reset by a later start', async () => {
    await (await startAuth('first-password-123')).close();
    await (await startAuth('another-password-456')).close();

    const admins = await queryRows<{ username: string; role: string; password_hash: string }>(
      databaseUrl,
      'SELECT username, role, password_hash FROM auth.users',
    );
    expect(admins).toHaveLength(1);
    expect(admins[0]).toMatchObject({ username: 'root-admin', role: 'platform-admin' });
    expect(admins[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(await verify(admins[0].password_hash, 'first-password-123')).toBe(true);
  });

  it('refuses to start without a password of at least 12 characters', () => {
    expect(() => loadServiceConfig(AuthConfig, 'auth', { ADMIN_PASSWORD: 'short', ...authKeys })).toThrow(
      /ADMIN_PASSWORD: /,
    );
    expect(() => loadServiceConfig(AuthConfig, 'auth', { ...authKeys })).toThrow(/ADMIN_PASSWORD: /);
  });
});
