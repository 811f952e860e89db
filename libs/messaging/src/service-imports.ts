import type { DynamicModule, Type } from '@nestjs/common';
import type { AnyContract } from '@tillpoint/contracts';
import {
  DatabaseModule,
  DatabaseProbe,
  HealthModule,
  MetricsModule,
  type DatabaseOptions,
  type HealthProbe,
  type ServiceConfig,
} from '@tillpoint/runtime';
import { BrokerProbe } from './broker.probe';
import { MessagingModule } from './messaging.module';
import { MessagingTables1764720000000 } from './outbox/messaging-tables.migration';

export interface ServiceParts {
  /** The contracts the service consumes (its own commands and the events it listens to). */
  contracts: AnyContract[];
  /** Without a database (the gateway) there is no outbox, inbox or migrations. */
  database?: Omit<DatabaseOptions, 'url' | 'schema'>;
  /** More dependencies readiness must check (the gateway's Redis), provided by a global module. */
  probes?: Type<HealthProbe>[];
}

/**
 * What every service is made of: its schema (migrated at start, outbox and inbox included), the broker,
 * `/health/live`, `/health/ready` and `/metrics`.
 */
export function serviceImports(config: ServiceConfig, parts: ServiceParts): DynamicModule[] {
  const probes: Type<HealthProbe>[] = [
    ...(parts.database ? [DatabaseProbe] : []),
    BrokerProbe,
    ...(parts.probes ?? []),
  ];
  const modules: DynamicModule[] = [
    MessagingModule.forRoot({
      service: config.service,
      instanceId: config.instanceId,
      url: config.amqpUrl,
      namespace: config.amqpNamespace,
      prefetch: config.amqpPrefetch,
      retryDelaysMs: config.amqpRetryDelaysMs,
      requestTimeoutMs: config.amqpRequestTimeoutMs,
      shutdownTimeoutMs: config.shutdownTimeoutMs,
      contracts: parts.contracts,
      database: parts.database !== undefined,
    }),
    HealthModule.forProbes(probes),
    { module: MetricsModule.labels(config.service, config.instanceId) },
  ];
  if (parts.database) {
    const migrations = [MessagingTables1764720000000, ...parts.database.migrations];
    modules.unshift(
      DatabaseModule.forRoot({
        ...parts.database,
        url: config.databaseUrl,
        schema: config.service,
        migrations,
      }),
    );
  }
  return modules;
}
