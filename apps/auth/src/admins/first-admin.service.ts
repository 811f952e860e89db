import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { hash } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthConfig } from '../config/auth.config';

/** Creates the first platform admin from configuration, once; a later start never resets its password. */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstAdminService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AuthConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const created: unknown[] = await this.dataSource.query(
      `INSERT INTO users (id, username, password_hash, role) VALUES ($1, $2, $3, 'platform-admin')
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [randomUUID(), this.config.adminUsername, await hash(this.config.adminPassword)],
    );
    if (created.length > 0)
      this.logger.log(`created the first platform admin "${this.config.adminUsername}"`);
  }
}
