import { Env, ServiceConfig } from '@tillpoint/runtime';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min, MinLength } from 'class-validator';

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

  /**
   * How long `POST /pos/sales` waits for the sale to be final before answering 202 (the sale goes on; the
   * terminal polls `GET /pos/sales/{clientRef}`, and a late reply is dropped).
   */
  @Env('GATEWAY_SALE_DEADLINE_MS')
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  saleDeadlineMs = 10_000;

  /** The voucher service's internal HTTP base (stock upload, CSV export), never exposed to callers. */
  @Env('GATEWAY_VOUCHER_URL')
  @Matches(/^https?:\/\/[^\s/]+$/, { message: 'must be http(s)://host[:port] without a path' })
  voucherUrl = 'http://127.0.0.1:3003';

  /** Shared with voucher: its internal endpoints refuse a request without it. */
  @Env('INTERNAL_API_TOKEN')
  @MinLength(32, { message: 'must be at least 32 characters' })
  internalApiToken: string;
}
