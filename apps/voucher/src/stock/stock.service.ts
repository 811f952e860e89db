import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  DomainError,
  StockLow,
  VoucherErrors,
  type GetStockLevelsRequest,
  type ReleasedPin,
  type ReleasePinRequest,
  type StockLevel,
} from '@tillpoint/contracts';
import { rows } from '@tillpoint/runtime';
import { UnitOfWork } from '@tillpoint/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { CatalogService } from '../catalog/catalog.service';
import { VoucherConfig } from '../config/voucher.config';

interface CountRow {
  sku: string;
  operator_id: string;
  available: number;
  reserved: number;
  sold: number;
  quarantined: number;
  expired: number;
}

const COUNTS = `SELECT sku, operator_id,
    count(*) FILTER (WHERE status = 'available' AND expires_on >= current_date)::int AS available,
    count(*) FILTER (WHERE status = 'reserved')::int AS reserved,
    count(*) FILTER (WHERE status = 'sold')::int AS sold,
    count(*) FILTER (WHERE status = 'quarantined')::int AS quarantined,
    count(*) FILTER (WHERE status = 'available' AND expires_on < current_date)::int AS expired
  FROM pins`;

/**
 * Stock levels per PIN product, and the low-stock watch: off the sale path (a sale never counts stock), a
 * periodic pass compares each product with its threshold and writes `voucher.stock.low.v1` once per crossing.
 */
@Injectable()
export class StockService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(StockService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly work: UnitOfWork,
    private readonly catalog: CatalogService,
    private readonly config: VoucherConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => void this.watch().catch((e: unknown) => this.log.warn(`stock watch failed: ${String(e)}`)),
      this.config.stockWatchMs,
    );
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async levels({ principal, sku }: GetStockLevelsRequest): Promise<StockLevel[]> {
    const operator = principal.role === 'operator' ? (principal.operatorId ?? '') : null;
    if (principal.role !== 'operator' && principal.role !== 'platform-admin') return [];
    const found = await this.dataSource.query<CountRow[]>(
      `${COUNTS} WHERE ($1::text IS NULL OR operator_id = $1) AND ($2::text IS NULL OR sku = $2)
        GROUP BY sku, operator_id ORDER BY sku`,
      [operator, sku ?? null],
    );
    return found.map(({ operator_id, ...counts }) => ({
      ...counts,
      operatorId: operator_id,
      threshold: this.threshold(counts.sku),
    }));
  }

  /** A quarantined PIN back on sale, by its operator's decision; its old sale keeps its record. */
  async release({ principal, sku, serial }: ReleasePinRequest): Promise<ReleasedPin> {
    const operator = principal.role === 'operator' ? (principal.operatorId ?? '') : null;
    if (principal.role !== 'operator' && principal.role !== 'platform-admin') {
      throw new DomainError(VoucherErrors.FORBIDDEN, 'only an operator or a platform admin releases a PIN');
    }
    const released = await this.work.run(({ manager }) =>
      rows<unknown>(
        manager,
        `UPDATE pins SET status = 'available', sale_id = NULL
          WHERE sku = $1 AND serial = $2 AND status = 'quarantined' AND ($3::text IS NULL OR operator_id = $3)
          RETURNING 1`,
        [sku, serial, operator],
      ),
    );
    if (released.length === 0) {
      throw new DomainError(VoucherErrors.PIN_NOT_QUARANTINED, `no quarantined PIN ${serial} of ${sku} here`);
    }
    return { sku, serial, status: 'available' };
  }

  /** One pass of the watch; one instance at a time (the others skip the pass). */
  async watch(): Promise<void> {
    await this.work.run(async (tx) => {
      const [{ locked }] = await tx.manager.query<Array<{ locked: boolean }>>(
        `SELECT pg_try_advisory_xact_lock(hashtext('voucher.stock-watch')) AS locked`,
      );
      if (!locked) return;
      // Each stocked product's sellable PINs counted only up to its threshold (the partial index of
      // sellable PINs, at most `threshold` entries read): the pass costs the same with 100 PINs in stock
      // or ten million, where counting the whole table had grown with every batch ever loaded.
      const stocked = await tx.manager.query<Array<{ sku: string; operator_id: string }>>(
        'SELECT DISTINCT sku, operator_id FROM stock_batches',
      );
      const counts = await tx.manager.query<Array<{ sku: string; operator_id: string; available: number }>>(
        `SELECT p.sku, p.operator_id,
                (SELECT count(*)::int FROM (
                   SELECT 1 FROM pins WHERE sku = p.sku AND status = 'available' AND expires_on >= current_date
                    LIMIT p.threshold) AS sellable) AS available
           FROM unnest($1::text[], $2::text[], $3::int[]) AS p(sku, operator_id, threshold)`,
        [
          stocked.map((row) => row.sku),
          stocked.map((row) => row.operator_id),
          stocked.map((row) => this.threshold(row.sku)),
        ],
      );
      for (const row of counts) {
        const threshold = this.threshold(row.sku);
        const low = row.available < threshold;
        if (await this.crossed(tx.manager, row.sku, low)) {
          await tx.publish(StockLow, {
            sku: row.sku,
            operatorId: row.operator_id,
            available: row.available,
            threshold,
          });
        }
      }
    });
  }

  /** Records the product's side of its threshold; true when it just went below. */
  private async crossed(manager: EntityManager, sku: string, low: boolean): Promise<boolean> {
    const [before] = await manager.query<Array<{ low: boolean }>>(
      'SELECT low FROM stock_alerts WHERE sku = $1',
      [sku],
    );
    if (before?.low === low) return false;
    await manager.query(
      'INSERT INTO stock_alerts (sku, low) VALUES ($1, $2) ON CONFLICT (sku) DO UPDATE SET low = EXCLUDED.low',
      [sku, low],
    );
    return low;
  }

  private threshold(sku: string): number {
    return this.catalog.current?.products.get(sku)?.lowStockThreshold ?? this.config.stockLowThreshold;
  }
}
