import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { UnitOfWork } from '@tillpoint/messaging';
import { DataSource } from 'typeorm';
import { VoucherConfig } from '../config/voucher.config';
import { SaleAdvicesService } from './sale-advices.service';
import { SaleSaga } from './sale-saga';
import { SalesRepository } from './sales.repository';

const BATCH = 50;

/**
 * Settles what a crash left half-done: sales PENDING past VOUCHER_SWEEP_AFTER_MS (captured if the money or
 * the operator went through, else voided and failed) and reversals claimed but not finished. Every instance
 * runs it; claimed rows are skipped by the others.
 */
@Injectable()
export class SaleSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(SaleSweeper.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly sales: SalesRepository,
    private readonly saga: SaleSaga,
    private readonly advices: SaleAdvicesService,
    private readonly work: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly config: VoucherConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.sweepIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One pass; returns how many sales and reversals it settled. */
  async sweep(): Promise<number> {
    const ids = await this.work.run(({ manager }) =>
      this.sales.stale(manager, this.config.sweepAfterMs, BATCH),
    );
    let settled = 0;
    for (const id of ids) {
      const row = await this.sales.byId(id);
      if (row && (await this.saga.settle(row)).state !== 'PENDING') settled++;
    }
    const reversals = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM sales WHERE state = 'COMPLETED' AND reversal_requested_at < now() - $1 * interval '1 millisecond'
        LIMIT $2`,
      [this.config.sweepAfterMs, BATCH],
    );
    for (const { id } of reversals) {
      await this.advices.finishReversal(id);
      settled++;
    }
    return settled;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const settled = await this.sweep();
      if (settled > 0) this.log.log(`settled ${settled} sales left unfinished`);
    } catch (error) {
      this.log.warn(`sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running = false;
    }
  }
}
