import { Env, parsePinKeys, ServiceConfig } from '@tillpoint/runtime';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';

/** A PIN_KEYS value PinCipher accepts; the message never repeats a key. */
function IsPinKeys(options?: ValidationOptions): PropertyDecorator {
  return (target: object, property: string | symbol) =>
    registerDecorator({
      name: 'isPinKeys',
      target: target.constructor,
      propertyName: property as string,
      options: { message: 'must be id:base64(32 bytes)[,id:key...]', ...options },
      validator: {
        validate(value: unknown) {
          try {
            return typeof value === 'string' && parsePinKeys(value).size > 0;
          } catch {
            return false;
          }
        },
      },
    });
}

export class VoucherConfig extends ServiceConfig {
  /** Seals PINs at rest and in events (AES-256-GCM); the first key seals, all open. */
  @Env('PIN_KEYS')
  @IsPinKeys()
  pinKeys: string;

  /** HMAC-SHA256 key of the PIN fingerprint that refuses a PIN already in stock (base64, 32+ bytes). */
  @Env('PIN_HASH_KEY')
  @Matches(/^[A-Za-z0-9+/]{43,}={0,2}$/, { message: 'must be at least 32 bytes, base64-encoded' })
  pinHashKey: string;

  /** Shared with the gateway: the internal HTTP endpoints refuse a request without it. */
  @Env('INTERNAL_API_TOKEN')
  @MinLength(32, { message: 'must be at least 32 characters' })
  internalApiToken: string;

  /** A catalog file loaded as version 1 when the database has no catalog yet. */
  @Env('CATALOG_FILE')
  @IsOptional()
  @IsString()
  catalogFile?: string;

  /** `voucher.stock.low.v1` when a PIN product's sellable stock falls below this (unless the product says). */
  @Env('VOUCHER_STOCK_LOW_THRESHOLD')
  @Type(() => Number)
  @IsInt()
  @Min(0)
  stockLowThreshold = 100;

  /** How often stock levels are compared with their thresholds. */
  @Env('VOUCHER_STOCK_WATCH_MS')
  @Type(() => Number)
  @IsInt()
  @Min(100)
  stockWatchMs = 5000;

  /** A sale still PENDING this long after its last step was left by a crash: the sweeper settles it. */
  @Env('VOUCHER_SWEEP_AFTER_MS')
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  sweepAfterMs = 90_000;

  @Env('VOUCHER_SWEEP_INTERVAL_MS')
  @Type(() => Number)
  @IsInt()
  @Min(100)
  sweepIntervalMs = 5000;

  /** How long the operator adapter may take before the sale is left PENDING for the sweeper. */
  @Env('VOUCHER_OPERATOR_TIMEOUT_MS')
  @Type(() => Number)
  @IsInt()
  @Min(100)
  operatorTimeoutMs = 30_000;

  /** The simulator's delay for an account ending in 998. */
  @Env('VOUCHER_SIMULATOR_SLOW_MS')
  @Type(() => Number)
  @IsInt()
  @Min(0)
  simulatorSlowMs = 15_000;

  /** A completed, unconfirmed PIN sale may be reversed this long after completion. */
  @Env('VOUCHER_REVERSAL_WINDOW_MS')
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  reversalWindowMs = 600_000;

  /** How many bad rows a refused stock batch lists (the count covers them all). */
  @Env('VOUCHER_BATCH_ERRORS_LISTED')
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  batchErrorsListed = 100;
}
