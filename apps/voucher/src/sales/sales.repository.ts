import { Injectable } from '@nestjs/common';
import { VoucherErrors, type CreateSaleRequest, type ReceiptProduct } from '@tillpoint/contracts';
import { OUTBOX_COLUMNS, outboxValues, type OutboxRow } from '@tillpoint/messaging';
import { rows } from '@tillpoint/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import type { Product } from '../catalog/catalog.model';
import type { PricedSale } from './sale-request';
import { SALE_SELECT, type SaleRow, type SaleStep } from './sale.row';

/** The SQL of the sale table; every state change is guarded by the state it leaves. */
@Injectable()
export class SalesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records a new sale and, for a PIN product, takes its PIN, in one statement: the first sellable PIN
   * (`FOR UPDATE SKIP LOCKED`: concurrent sales take different ones) is reserved for it, or the sale is
   * recorded FAILED out of stock. Answers the sale as recorded, or undefined if the (terminal, client
   * reference) exists already (nothing is taken then).
   */
  async open(
    id: string,
    request: CreateSaleRequest,
    priced: PricedSale,
    manager?: EntityManager,
  ): Promise<SaleRow | undefined> {
    const { product } = priced;
    const seller = request.seller;
    const [row] = await (manager ?? this.dataSource).query<SaleRow[]>(
      `WITH pick AS (
         SELECT id, serial, key_id, sealed, to_char(expires_on, 'YYYY-MM-DD') AS expires_on FROM pins
          WHERE $5 = 'pin' AND sku = $6 AND status = 'available' AND expires_on >= current_date
          -- Qualified: a bare expires_on would be the text column above, sorting every sellable PIN.
          ORDER BY pins.expires_on, pins.id LIMIT 1 FOR UPDATE SKIP LOCKED),
       ins AS (
         INSERT INTO sales (id, terminal_id, client_ref, request_hash, state, failure_code, kind, sku, product,
            operator_id, dealer_id, dealer_path, seller, account, customer, currency, amount, cost, commission,
            catalog_version, local_day, pin_id)
         SELECT $1, $2, $3, $4,
            CASE WHEN $5 = 'pin' AND pick.id IS NULL THEN 'FAILED' ELSE 'PENDING' END,
            CASE WHEN $5 = 'pin' AND pick.id IS NULL THEN $20 END,
            $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, (now() AT TIME ZONE $19)::date, pick.id
           FROM (SELECT 1) AS one LEFT JOIN pick ON true
         ON CONFLICT (terminal_id, client_ref) DO NOTHING RETURNING *),
       taken AS (
         UPDATE pins p SET status = 'reserved', sale_id = ins.id FROM ins WHERE p.id = ins.pin_id RETURNING p.id)
       SELECT ins.*, pick.serial, pick.key_id, pick.sealed, pick.expires_on
         FROM ins LEFT JOIN pick ON pick.id = ins.pin_id`,
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
        VoucherErrors.OUT_OF_STOCK,
      ],
    );
    return row;
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

  /**
   * COMPLETED with its balances, its PIN sold and its event in the outbox, in one statement (so one
   * commit); false if the sale was no longer PENDING (nothing is written then).
   */
  async complete(done: SaleRow, event: OutboxRow, manager?: EntityManager): Promise<boolean> {
    const [{ n }] = await (manager ?? this.dataSource).query<Array<{ n: number }>>(
      `WITH done AS (
         UPDATE sales SET state = 'COMPLETED', completed_at = $2, updated_at = $2, balance_before = $3,
             balance_after = $4
          WHERE id = $1 AND state = 'PENDING' RETURNING id, pin_id),
       sold AS (
         UPDATE pins SET status = 'sold' FROM done WHERE pins.id = done.pin_id AND pins.status = 'reserved'),
       event AS (INSERT INTO outbox (${OUTBOX_COLUMNS}) SELECT $5, $6, $7, $8 FROM done)
       SELECT count(*)::int AS n FROM done`,
      [done.id, done.completed_at, done.balance_before, done.balance_after, ...outboxValues(event)],
    );
    return n === 1;
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

const knownZones = new Map<string, string>();

/**
 * A time zone PostgreSQL knows, else UTC: a bad zone in a seller context must not fail the sale. Checked
 * once per zone (building a DateTimeFormat was a measurable part of every sale).
 */
function safeZone(zone: string): string {
  let safe = knownZones.get(zone);
  if (safe === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      safe = zone;
    } catch {
      safe = 'UTC';
    }
    if (knownZones.size < 1000) knownZones.set(zone, safe);
  }
  return safe;
}
