import { Env, ServiceConfig } from '@tillpoint/runtime';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const SMS_DRIVERS = ['off', 'memory'] as const;
export type SmsDriverName = (typeof SMS_DRIVERS)[number];

export class NotificationsConfig extends ServiceConfig {
  /** Opens the PINs of sale events and seals the webhook secrets (the platform's PIN key ring). */
  @Env('PIN_KEYS')
  @IsString()
  @MaxLength(4000)
  pinKeys: string;

  /** How often a delivery is tried before it is parked. */
  @Env('DELIVERY_MAX_ATTEMPTS')
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  deliveryMaxAttempts = 8;

  /** The wait after the first failure; it doubles after each, up to the cap. */
  @Env('DELIVERY_BACKOFF_MS')
  @Type(() => Number)
  @IsInt()
  @Min(10)
  deliveryBackoffMs = 2000;

  @Env('DELIVERY_BACKOFF_CAP_MS')
  @Type(() => Number)
  @IsInt()
  @Min(10)
  deliveryBackoffCapMs = 15 * 60 * 1000;

  /** How long one webhook call (or e-mail) may take before it counts as failed. */
  @Env('DELIVERY_TIMEOUT_MS')
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(120000)
  deliveryTimeoutMs = 5000;

  /** How often each instance looks for due deliveries. */
  @Env('DELIVERY_POLL_MS')
  @Type(() => Number)
  @IsInt()
  @Min(10)
  deliveryPollMs = 1000;

  /** `smtp://user:pass@host:port` (or smtps://); unset: e-mails are skipped and counted, not failed. */
  @Env('SMTP_URL')
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'must be smtp://host:port or smtps://...' })
  smtpUrl?: string;

  @Env('MAIL_FROM')
  @IsString()
  @MaxLength(200)
  mailFrom = 'Tillpoint receipts <receipts@tillpoint.invalid>';

  /** `memory` keeps the messages in the process (tests); `off` skips and counts them. No real provider yet. */
  @Env('SMS_DRIVER')
  @IsIn(SMS_DRIVERS)
  smsDriver: SmsDriverName = 'off';
}
