import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HealthProbe } from '../health/health-probe';

/** Ready when a pooled connection answers a trivial query. */
@Injectable()
export class DatabaseProbe implements HealthProbe {
  readonly name = 'database';

  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<{ up: boolean }> {
    await this.dataSource.query('SELECT 1');
    return { up: true };
  }
}
