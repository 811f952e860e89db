import { Injectable } from '@nestjs/common';
import type { CreateSaleRequest, ReceiptProduct } from '@tillpoint/contracts';
import { rows } from '@tillpoint/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import type { Product } from '../catalog/catalog.model';
import type { PricedSale } from './sale-request';
import { SALE_SELECT, type SaleRow, type SaleStep } from './sale.row';

/** The SQL of the sale table; every state change is guarded by the state it leaves. */
@Injectable()
export class SalesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the sale; false if the (terminal, client reference) exists already. */
  async insert(
    manager: EntityManager,
    id: string,
    request: CreateSaleRequest,
    priced: PricedSale,
  ): Promise<boolean> {
    const { product } = priced;
    const seller = request.seller;
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO sales (id, terminal_id, client_ref, request_hash, state, kind, sku, product, operator_id,
          dealer_id, dealer_path, seller, account, customer, currency, amount, cost, commission,
          catalog_version, local_day)
       VALUES ($1, $2, $3, $4, 'PENDING', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
          (now() AT TIME ZONE $19)::date)
       ON CONFLICT (terminal_id, client_ref) DO NOTHING RETURNING 1`,
      [
        id,
        seller.terminalId,
        request.clientRef,
        priced.requestHash,
        product.kind,
        product.sku,
        JSON.stringify(receiptProductOf(product)),
        product.operatorId,
        seller.dealerId,
        seller.dealerPath,
        JSON.stringify(seller),
        priced.account,
        request.customer ? JSON.stringify(request.customer) : null,
        product.currency,
        priced.amount.toString(),
        priced.cost.toString(),
        priced.commission.toString(),
        priced.catalogVersion,
        safeZone(seller.timeZone),
      ],
    );
    return inserted.length === 1;
  }

  /** Takes one sellable PIN of the product for the sale; false when none is left. */
  async reservePin(manager: EntityManager, sku: string, saleId: string): Promise<boolean> {
    const taken = await rows<{ id: string }>(
      manager,
      `WITH pick AS (
         SELECT id FROM pins WHERE sku = $1 AND status = 'available' AND expires_on >= current_date
          ORDER BY expires_on, id LIMIT 1 FOR UPDATE SKIP LOCKED)
       UPDATE pins p SET status = 'reserved', sale_id = $2 FROM pick WHERE p.id = pick.id RETURNING p.id`,
      [sku, saleId],
    );
    if (taken.length === 0) return false;
    await manager.query('UPDATE sales SET pin_id = $2 WHERE id = $1', [saleId, taken[0].id]);
    return true;
  }

  async byRef(terminalId: string, clientRef: string, manager?: EntityManager): Promise<SaleRow | undefined> {
    const [row] = await (manager ?? this.dataSource).query<SaleRow[]>(
      `${SALE_SELECT} WHERE s.terminal_id = $1 AND s.client_ref = $2`,
      [terminalId, clientRef],
    );
    return row;
  }

  async byId(id: string, manager?: EntityManager): Promise<SaleRow | undefined> {
    const [row] = await (manager ?? this.dataSource).query<SaleRow[]>(`${SALE_SELECT} WHERE s.id = $1`, [id]);
    return row;
  }

  /** Locks a sale for a transition; the caller re-checks its state under the lock. */
  async lock(manager: EntityManager, id: string): Promise<SaleRow | undefined> {
    await manager.query('SELECT 1 FROM sales WHERE id = $1 FOR UPDATE', [id]);
    return this.byId(id, manager);
  }

  async step(id: string, step: SaleStep, operatorRef?: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE sales SET step = $2, operator_ref = coalesce($3, operator_ref), updated_at = now()
        WHERE id = $1 AND state = 'PENDING'`,
      [id, step, operatorRef ?? null],
    );
  }

  /** FAILED, and its reserved PIN back to stock (it was never shown to anyone). */
  async fail(manager: EntityManager, id: string, code: string): Promise<boolean> {
    const failed = await rows<unknown>(
      manager,
      `UPDATE sales SET state = 'FAILED', failure_code = $2, pin_id = NULL, updated_at = now()
        WHERE id = $1 AND state = 'PENDING' RETURNING 1`,
      [id, code],
    );
    if (failed.length === 0) return false;
    await manager.query(
      `UPDATE pins SET status = 'available', sale_id = NULL WHERE sale_id = $1 AND status = 'reserved'`,
      [id],
    );
    return true;
  }

  async complete(manager: EntityManager, id: string, before: bigint, after: bigint): Promise<boolean> {
    const done = await rows<unknown>(
      manager,
      `UPDATE sales SET state = 'COMPLETED', completed_at = now(), updated_at = now(),
          balance_before = $2, balance_after = $3
        WHERE id = $1 AND state = 'PENDING' RETURNING 1`,
      [id, before.toString(), after.toString()],
    );
    if (done.length === 0) return false;
    await manager.query(`UPDATE pins SET status = 'sold' WHERE sale_id = $1 AND status = 'reserved'`, [id]);
    return true;
  }

  /** PENDING sales nobody has moved for `ageMs`, claimed for this sweep (others skip them). */
  async stale(manager: EntityManager, ageMs: number, limit: number): Promise<string[]> {
    const found = await rows<{ id: string }>(
      manager,
      `UPDATE sales SET updated_at = now() WHERE id IN (
         SELECT id FROM sales WHERE state = 'PENDING' AND updated_at < now() - $1 * interval '1 millisecond'
          ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [ageMs, limit],
    );
    return found.map((row) => row.id);
  }
}

/** What the receipt says of the product, kept with the sale so a later catalog change cannot alter it. */
function receiptProductOf(product: Product): ReceiptProduct {
  return {
    sku: product.sku,
    kind: product.kind,
    name: product.name,
    operatorId: product.operatorId,
    operatorName: product.operatorName,
    validityDays: product.validityDays,
    redeemInstructions: product.redeemInstructions,
  };
}

/** A time zone PostgreSQL knows, else UTC: a bad zone in a seller context must not fail the sale. */
function safeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}
