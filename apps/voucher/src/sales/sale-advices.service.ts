import { Injectable } from '@nestjs/common';
import {
  DomainError,
  isDomainError,
  SaleReversed,
  VoucherErrors,
  type SaleAdviceRequest,
  type SaleView,
} from '@tillpoint/contracts';
import { UnitOfWork } from '@tillpoint/messaging';
import { rows } from '@tillpoint/runtime';
import { VoucherConfig } from '../config/voucher.config';
import { LedgerPort } from '../ledger/ledger.port';
import { saleMoney } from './sale-saga';
import { saleReceipt, saleView } from './sale-view';
import type { SaleRow } from './sale.row';
import { SalesRepository } from './sales.repository';

/**
 * The terminal's advices. `confirm`: the receipt was printed. `reverse`: the terminal never got the answer;
 * a COMPLETED, unconfirmed PIN sale is refunded within its window and its PIN quarantined. Both are
 * idempotent: a repeat answers the sale as the first one left it.
 */
@Injectable()
export class SaleAdvicesService {
  constructor(
    private readonly sales: SalesRepository,
    private readonly ledger: LedgerPort,
    private readonly work: UnitOfWork,
    private readonly config: VoucherConfig,
  ) {}

  async confirm(request: SaleAdviceRequest): Promise<SaleView> {
    const row = await this.own(request);
    if (row.state === 'CONFIRMED') return saleView(row);
    const confirmed = await this.work.run(({ manager }) =>
      rows<unknown>(
        manager,
        `UPDATE sales SET state = 'CONFIRMED', confirmed_at = now(), updated_at = now()
          WHERE id = $1 AND state = 'COMPLETED' AND reversal_requested_at IS NULL RETURNING 1`,
        [row.id],
      ),
    );
    const now = (await this.sales.byId(row.id))!;
    if (confirmed.length === 0 && now.state !== 'CONFIRMED') {
      throw new DomainError(
        VoucherErrors.NOT_CONFIRMABLE,
        `the sale is ${now.state}, it cannot be confirmed`,
      );
    }
    return saleView(now);
  }

  async reverse(request: SaleAdviceRequest): Promise<SaleView> {
    const row = await this.own(request);
    if (row.state === 'REVERSED') return saleView(row);
    if (row.state !== 'COMPLETED' || row.kind !== 'pin') {
      throw new DomainError(
        VoucherErrors.NOT_REVERSIBLE,
        `a ${row.state} ${row.kind} sale cannot be reversed`,
      );
    }
    await this.claim(row);
    return this.finishReversal(row.id);
  }

  /** Refunds a claimed reversal and marks it REVERSED; also how the sweeper finishes one left half-done. */
  async finishReversal(id: string): Promise<SaleView> {
    const row = (await this.sales.byId(id))!;
    try {
      await this.ledger.refund(row.id, saleMoney(row));
    } catch (error) {
      const code = isDomainError(error) ? error.code : String(error);
      throw new DomainError(
        VoucherErrors.TRY_AGAIN,
        `the refund was not confirmed (${code}); send the advice again`,
      );
    }
    const done = await this.work.run(async (tx) => {
      const changed = await rows<unknown>(
        tx.manager,
        `UPDATE sales SET state = 'REVERSED', reversed_at = now(), updated_at = now()
          WHERE id = $1 AND state = 'COMPLETED' RETURNING 1`,
        [id],
      );
      // The PIN may have reached the customer: it is never sold again unless an operator releases it.
      await tx.manager.query(`UPDATE pins SET status = 'quarantined' WHERE sale_id = $1`, [id]);
      const after = (await this.sales.byId(id, tx.manager))!;
      if (changed.length > 0) await tx.publish(SaleReversed, { receipt: saleReceipt(after) });
      return after;
    });
    return saleView(done);
  }

  /** Marks the sale as being reversed (a confirm now loses), within the window from completion. */
  private async claim(row: SaleRow): Promise<void> {
    const claimed = await this.work.run(({ manager }) =>
      rows<unknown>(
        manager,
        `UPDATE sales SET reversal_requested_at = coalesce(reversal_requested_at, now()), updated_at = now()
          WHERE id = $1 AND state = 'COMPLETED'
            AND (reversal_requested_at IS NOT NULL OR completed_at > now() - $2 * interval '1 millisecond')
          RETURNING 1`,
        [row.id, this.config.reversalWindowMs],
      ),
    );
    if (claimed.length > 0) return;
    const now = (await this.sales.byId(row.id))!;
    if (now.state === 'COMPLETED') {
      throw new DomainError(VoucherErrors.REVERSAL_WINDOW_CLOSED, 'the reversal window has closed');
    }
    throw new DomainError(VoucherErrors.NOT_REVERSIBLE, `a ${now.state} sale cannot be reversed`);
  }

  /** An advice comes from a terminal session, about one of its own terminal's sales. */
  private async own({ principal, clientRef }: SaleAdviceRequest): Promise<SaleRow> {
    if (principal.role !== 'terminal' || !principal.terminalId) {
      throw new DomainError(VoucherErrors.FORBIDDEN, 'advices come from a terminal session');
    }
    const row = await this.sales.byRef(principal.terminalId, clientRef);
    if (!row) throw new DomainError(VoucherErrors.SALE_NOT_FOUND, `no sale ${clientRef} on this terminal`);
    return row;
  }
}
