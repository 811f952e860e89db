import { Env, ServiceConfig } from '@tillpoint/runtime';
import { Type } from 'class-transformer';
import { IsInt, Matches, Min } from 'class-validator';

export class GatewayConfig extends ServiceConfig {
  /**
   * Signed requests one terminal may make per minute, counted in Redis across replicas. Generous: a
   * terminal that waits for each answer before the next request must never be refused: one that does so
   * on the cheapest route (`GET /me`) made 316 a second on the development machine; this allows 500.
   */
  @Env('GATEWAY_TERMINAL_RATE_PER_MIN')
  @Type(() => Number)
  @IsInt()
  @Min(1)
  terminalRatePerMin = 30_000;

  /** Login attempts per minute for one cashier on one terminal, one username or one serial's activation. */
  @Env('GATEWAY_LOGIN_RATE_PER_MIN')
  @Type(() => Number)
  @IsInt()
  @Min(1)
  loginRatePerMin = 20;

  /** How long a device's secret is kept in memory; a block drops it at once. */
  @Env('GATEWAY_DEVICE_CACHE_MS')
  @Type(() => Number)
  @IsInt()
  @Min(0)
  deviceCacheMs = 30_000;

  /** Put before every Redis key (nonces, rate limits, ended sessions), so platforms can share a Redis. */
  @Env('GATEWAY_REDIS_PREFIX')
  @Matches(/^[A-Za-z0-9:_-]{0,40}$/)
  redisKeyPrefix = '';
}
