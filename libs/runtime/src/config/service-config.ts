import { DEFAULT_PORTS, type ServiceName } from '@tillpoint/contracts';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsIP, IsString, Matches, Max, Min } from 'class-validator';
import { Env, loadConfig } from './load-config';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Settings every service reads. A service's own config class extends this one. */
export class ServiceConfig {
  /** Set by loadServiceConfig, not from the environment. */
  service: ServiceName;

  /** `<SERVICE>_PORT`, else the service's fixed default port (0: any free port). */
  @Env('PORT')
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  port: number;

  /** The address HTTP listens on: loopback by default; containers set 0.0.0.0. */
  @Env('HTTP_HOST')
  @IsIP()
  httpHost = '127.0.0.1';

  /** `<SERVICE>_DATABASE_URL`, else `DATABASE_URL`; the service uses its own schema there. */
  @Env('DATABASE_URL')
  @Matches(/^postgres(ql)?:\/\/[^/]+\/[A-Za-z0-9_-]+(\?.*)?$/, {
    message: 'must be postgres://user@host:port/db',
  })
  databaseUrl = 'postgres://postgres@127.0.0.1:5432/tillpoint';

  @Env('AMQP_URL')
  @Matches(/^amqps?:\/\/.+/, { message: 'must be amqp://user:pass@host:port/vhost' })
  amqpUrl = 'amqp://guest:guest@127.0.0.1:5672';

  /** Prefix of the exchange and queue names, so that test runs can share a vhost without meeting. */
  @Env('AMQP_NAMESPACE')
  @Matches(/^[a-z][a-z0-9-]{0,40}$/)
  amqpNamespace = 'tillpoint';

  /** How many unacknowledged messages one consumer may hold (and so process at once). */
  @Env('AMQP_PREFETCH')
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  amqpPrefetch = 50;

  /** Back-off before each retry of a failed message; its length is the number of retries. */
  @Env('AMQP_RETRY_DELAYS_MS')
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').map((s) => Number(s.trim())) : value,
  )
  @ArrayMinSize(0)
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(10, { each: true })
  amqpRetryDelaysMs: number[] = [1000, 5000, 30000];

  /** The default deadline of a request/reply call. */
  @Env('AMQP_REQUEST_TIMEOUT_MS')
  @Type(() => Number)
  @IsInt()
  @Min(50)
  amqpRequestTimeoutMs = 5000;

  @Env('REDIS_URL')
  @Matches(/^rediss?:\/\/.+/)
  redisUrl = 'redis://127.0.0.1:6379';

  @Env('LOG_LEVEL')
  @IsIn(LOG_LEVELS)
  logLevel: LogLevel = 'info';

  /** How long SIGTERM waits for in-flight messages before closing anyway. */
  @Env('SHUTDOWN_TIMEOUT_MS')
  @Type(() => Number)
  @IsInt()
  @Min(0)
  shutdownTimeoutMs = 15000;

  @Env('INSTANCE_ID')
  @IsString()
  instanceId = `${process.pid}`;
}

/**
 * Loads a service's config: `<SERVICE>_DATABASE_URL` and `<SERVICE>_PORT` take precedence over the shared
 * variables, so one environment file can serve the whole platform.
 */
export function loadServiceConfig<T extends ServiceConfig>(
  cls: new () => T,
  service: ServiceName,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const prefix = service.toUpperCase();
  const scoped = {
    ...env,
    DATABASE_URL: env[`${prefix}_DATABASE_URL`] || env.DATABASE_URL,
    PORT: env[`${prefix}_PORT`] || String(DEFAULT_PORTS[service]),
  };
  const config = loadConfig(cls, scoped);
  config.service = service;
  return config;
}
