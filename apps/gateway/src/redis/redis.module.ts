import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { HealthProbe } from '@tillpoint/runtime';
import Redis from 'ioredis';

export const REDIS = Symbol('REDIS');

/** Ready when Redis answers PING (the nonce store and rate limits live there). */
@Injectable()
export class RedisProbe implements HealthProbe, OnApplicationShutdown {
  readonly name = 'redis';

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async check(): Promise<{ up: boolean }> {
    return { up: (await this.redis.ping()) === 'PONG' };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** The gateway's Redis connection, shared by its replicas' nonce store and rate limits. */
@Global()
@Module({})
export class RedisModule {
  static forUrl(url: string, keyPrefix = ''): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        // A command waits at most a second for Redis (at start, or during a blip), then fails: a terminal's
        // request must not hang on it.
        {
          provide: REDIS,
          useFactory: () => new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1000, keyPrefix }),
        },
        RedisProbe,
      ],
      exports: [REDIS, RedisProbe],
    };
  }
}
