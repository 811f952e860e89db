import { Inject, Injectable } from '@nestjs/common';
import { DomainError, GatewayErrors } from '@tillpoint/contracts';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';

export const RATE_WINDOW_MS = 60_000;

/** One key's current one-minute window: its Redis counter, and the refusal once it is over the limit. */
export function rateWindow(bucket: string, key: string, now = Date.now()) {
  const window = Math.floor(now / RATE_WINDOW_MS);
  return {
    name: `tp:rate:${bucket}:${key}:${window}`,
    /** Throws the 429 (with when the window ends, for `Retry-After`) if `count` is over `perMinute`. */
    enforce(count: number, perMinute: number): void {
      if (count <= perMinute) return;
      const retryAfterS = Math.max(1, Math.ceil(((window + 1) * RATE_WINDOW_MS - now) / 1000));
      throw new DomainError(GatewayErrors.RATE_LIMITED, 'too many requests', { retryAfterS });
    },
  };
}

/**
 * Fixed one-minute windows counted in Redis, so that every gateway replica counts against the same limit.
 * A refusal says when the window ends (`Retry-After`). A signed request's terminal window is counted by
 * `Admission`, in the same round trip as its nonce.
 */
@Injectable()
export class RateLimiter {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async hit(bucket: string, key: string, perMinute: number, now = Date.now()): Promise<void> {
    const window = rateWindow(bucket, key, now);
    const [[, count]] = (await this.redis
      .multi()
      .incr(window.name)
      .pexpire(window.name, RATE_WINDOW_MS)
      .exec()) as [[null, number]];
    window.enforce(count, perMinute);
  }
}
