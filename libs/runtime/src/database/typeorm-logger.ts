import { Logger } from '@nestjs/common';
import type { Logger as OrmLogger } from 'typeorm';

/**
 * TypeORM's failures through the service's JSON logger. Only the statement's first line is kept and its
 * parameters never are: they may carry a PIN or a secret.
 */
export class TypeOrmLogger implements OrmLogger {
  private readonly logger = new Logger('Database');

  logQueryError(error: string | Error, query: string): void {
    const message = error instanceof Error ? error.message : error;
    this.logger.error(`query failed: ${message} (${query.trim().split('\n')[0].slice(0, 120)})`);
  }
  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${query.trim().split('\n')[0].slice(0, 120)}`);
  }
  logMigration(message: string): void {
    this.logger.log(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
  logQuery(): void {}
  logSchemaBuild(): void {}
}
