import { Injectable } from '@nestjs/common';
import {
  DomainError,
  NotificationErrors,
  type ReceiptReply,
  type ReprintReceiptRequest,
  type SaleReceipt,
} from '@tillpoint/contracts';
import { headerString, Headers, UnitOfWork, type MessageContext } from '@tillpoint/messaging';
import { DataSource } from 'typeorm';
import { DeliveryPlanner, type SourceEvent } from '../deliveries/delivery-planner';
import { reprintAccess, type ReceiptRow } from './receipt.row';
import { ReceiptRenderer } from './receipt-renderer';
import { renderPdf } from '@tillpoint/receipts';
import { renderSlipDocument } from '@tillpoint/receipts';

/** Stores every sale's receipt (PIN still sealed), plans its deliveries, and prints copies on request. */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly planner: DeliveryPlanner,
    private readonly renderer: ReceiptRenderer,
  ) {}

  /** A completed or reversed sale: the receipt as it now stands, and its deliveries, once per event. */
  record(receipt: SaleReceipt, type: SourceEvent['type'], ctx: MessageContext): Promise<void> {
    const event: SourceEvent = {
      id: ctx.messageId,
      type,
      occurredAt:
        headerString(ctx.message.properties.headers, Headers.occurredAt) ?? new Date().toISOString(),
    };
    // One receipt per sale: receipts arriving together share a transaction.
    return this.work.runShared(
      async (tx) => {
        // A reversal may overtake its completion on the bus: the later state wins, never the other way.
        await tx.manager.query(
          `INSERT INTO receipts (sale_id, state, dealer_id, dealer_path, terminal_id, operator_id, receipt)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (sale_id) DO UPDATE SET state = EXCLUDED.state, receipt = EXCLUDED.receipt,
             updated_at = now()
           WHERE receipts.state <> 'REVERSED'`,
          [
            receipt.saleId,
            receipt.state,
            receipt.seller.dealerId,
            receipt.seller.dealerPath,
            receipt.seller.terminalId,
            receipt.product.operatorId,
            JSON.stringify(receipt),
          ],
        );
        await this.planner.planSale(tx.manager, receipt, event);
      },
      // No inbox: the receipt is keyed by its sale and each delivery by (recipient, event id), so a
      // redelivered event writes nothing new.
    );
  }

  async reprint(request: ReprintReceiptRequest): Promise<ReceiptReply> {
    const [row] = await this.dataSource.query<ReceiptRow[]>('SELECT * FROM receipts WHERE sale_id = $1', [
      request.saleId,
    ]);
    const access = row ? reprintAccess(request.principal, row) : undefined;
    if (!row || !access) {
      throw new DomainError(NotificationErrors.RECEIPT_NOT_FOUND, `no receipt ${request.saleId}`);
    }
    const doc = this.renderer.document(row.receipt, access, { copy: true });
    const reply: ReceiptReply = { saleId: row.sale_id, format: request.format, copy: true };
    switch (request.format) {
      case 'json':
        return { ...reply, receipt: doc };
      case 'slip':
        return { ...reply, slip: renderSlipDocument(doc, request.width ?? 32) };
      case 'pdf':
        return { ...reply, pdf: (await renderPdf(doc)).toString('base64') };
    }
  }
}
