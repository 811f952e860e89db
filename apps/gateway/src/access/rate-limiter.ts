import { Inject, Injectable } from '@nestjs/common';
import { DomainError, GatewayErrors } from '@tillpoint/contracts';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';

const WINDOW_MS = 60_000;

/**
 * Fixed one-minute windows counted in Redis, so that every gateway replica counts against the same limit.
 * A refusal says when the window ends (`Retry-After`).
 */
@Injectable()
export class RateLimiter {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async hit(bucket: string, key: string, perMinute: number, now = Date.now()): Promise<void> {
    const window = Math.floor(now / WINDOW_MS);
    const name = `tp:rate:${bucket}:${key}:${window}`;
    const [[, count]] = (await this.redis.multi().incr(name).pexpire(name, WINDOW_MS).exec()) as [
      [null, number],
    ];
    if (count > perMinute) {
      const retryAfterS = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000));
      throw new DomainError(GatewayErrors.RATE_LIMITED, 'too many requests', { retryAfterS });
    }
  }
}
