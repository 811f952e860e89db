import { Env, ServiceConfig } from '@tillpoint/runtime';
import { Matches, MinLength } from 'class-validator';

export class AuthConfig extends ServiceConfig {
  /** The first platform admin, created at start if no user has that name yet. */
  @Env('ADMIN_USERNAME')
  @Matches(/^[a-z0-9][a-z0-9._@-]{2,63}$/, { message: 'must be 3-64 characters: a-z, 0-9, . _ @ -' })
  adminUsername = 'admin';

  @Env('ADMIN_PASSWORD')
  @MinLength(12, { message: 'must be at least 12 characters' })
  adminPassword: string;
}
