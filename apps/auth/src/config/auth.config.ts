import { Env, ServiceConfig } from '@tillpoint/runtime';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min, MinLength } from 'class-validator';

export class AuthConfig extends ServiceConfig {
  /** The first platform admin, created at start if no user has that name yet. */
  @Env('ADMIN_USERNAME')
  @Matches(/^[a-z0-9][a-z0-9._@-]{2,63}$/, { message: 'must be 3-64 characters: a-z, 0-9, . _ @ -' })
  adminUsername = 'admin';

  @Env('ADMIN_PASSWORD')
  @MinLength(12, { message: 'must be at least 12 characters' })
  adminPassword: string;

  /** `kid:base64(PKCS#8 DER of an Ed25519 key)`: the same on every auth instance, so any can sign. */
  @Env('AUTH_SIGNING_KEY')
  @Matches(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]{40,200}$/, {
    message: 'must be kid:base64 of an Ed25519 PKCS#8 key',
  })
  signingKey: string;

  /** Device secrets are kept encrypted under these keys (`id:base64key[,...]`, as PIN_KEYS). */
  @Env('AUTH_DEVICE_SECRET_KEYS')
  @Matches(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]{43,44})*$/, {
    message: 'must be id:base64(32 bytes)[,id:key...]',
  })
  deviceSecretKeys: string;

  /** How long a session token is valid. */
  @Env('AUTH_SESSION_TTL_S')
  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(86_400)
  sessionTtlS = 900;

  /** How long a terminal's activation code can be used. */
  @Env('AUTH_ACTIVATION_TTL_S')
  @Type(() => Number)
  @IsInt()
  @Min(60)
  activationTtlS = 86_400;

  /** How long five wrong PINs (or passwords) in a row lock the cashier (or user) out. */
  @Env('AUTH_LOCKOUT_S')
  @Type(() => Number)
  @IsInt()
  @Min(1)
  lockoutS = 900;
}

/** Wrong PINs or passwords in a row before a lockout. */
export const MAX_FAILED_ATTEMPTS = 5;
