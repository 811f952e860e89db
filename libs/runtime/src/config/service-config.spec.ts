import { ConfigError } from './load-config';
import { loadServiceConfig, ServiceConfig } from './service-config';

describe(loadServiceConfig.name, () => {
  it('defaults to the local servers and the service fixed port', () => {
    const config = loadServiceConfig(ServiceConfig, 'ledger', {});
    expect(config).toMatchObject({
      service: 'ledger',
      port: 3002,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/tillpoint',
      amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
      amqpRetryDelaysMs: [1000, 5000, 30000],
    });
  });

  it('prefers the service own database URL and port over the shared ones', () => {
    const config = loadServiceConfig(ServiceConfig, 'voucher', {
      DATABASE_URL: 'postgres://postgres@db:5432/shared',
      VOUCHER_DATABASE_URL: 'postgres://postgres@vdb:5432/voucher',
      PORT: '9999',
      VOUCHER_PORT: '4003',
    });
    expect(config.databaseUrl).toBe('postgres://postgres@vdb:5432/voucher');
    expect(config.port).toBe(4003);
  });

  it('reads numbers and lists from their text', () => {
    const config = loadServiceConfig(ServiceConfig, 'auth', {
      AMQP_PREFETCH: '8',
      AMQP_RETRY_DELAYS_MS: '100, 200',
    });
    expect(config.amqpPrefetch).toBe(8);
    expect(config.amqpRetryDelaysMs).toEqual([100, 200]);
  });

  it('refuses to start on bad settings, naming every one of them', () => {
    const load = () =>
      loadServiceConfig(ServiceConfig, 'gateway', {
        DATABASE_URL: 'mysql://nope',
        AMQP_PREFETCH: 'lots',
        LOG_LEVEL: 'chatty',
      });
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^DATABASE_URL: /m);
      expect(problems).toMatch(/^AMQP_PREFETCH: /m);
      expect(problems).toMatch(/^LOG_LEVEL: /m);
    }
  });
});
