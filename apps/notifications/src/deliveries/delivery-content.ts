import { Injectable } from '@nestjs/common';
import {
  DomainError,
  NotificationErrors,
  type FloatLowEvent,
  type ReceiptDocument,
} from '@tillpoint/contracts';
import { DataSource } from 'typeorm';
import type { ReceiptRow } from '../receipts/receipt.row';
import { ReceiptRenderer } from '../receipts/receipt-renderer';
import { formatMoney } from '@tillpoint/receipts';
import type { DeliveryRow } from './delivery.row';

/** What a delivery says, built at send time so that a full PIN is never stored outside its seal. */
export type DeliveryContent =
  | { kind: 'receipt'; receipt: ReceiptRow; document: ReceiptDocument }
  | { kind: 'float.low'; alert: FloatLowEvent & { availableText: string; thresholdText: string } };

@Injectable()
export class DeliveryContentBuilder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly renderer: ReceiptRenderer,
  ) {}

  async build(delivery: DeliveryRow, options: { hideBalance?: boolean } = {}): Promise<DeliveryContent> {
    if (delivery.data && delivery.event_type === 'float.low') {
      const alert = delivery.data;
      return {
        kind: 'float.low',
        alert: {
          ...alert,
          availableText: formatMoney(alert.available, alert.currency),
          thresholdText: formatMoney(alert.threshold, alert.currency),
        },
      };
    }
    const [receipt] = await this.dataSource.query<ReceiptRow[]>('SELECT * FROM receipts WHERE sale_id = $1', [
      delivery.sale_id,
    ]);
    if (!receipt)
      throw new DomainError(NotificationErrors.RECEIPT_NOT_FOUND, `no receipt ${delivery.sale_id}`);
    // Reversed since it was planned: its PIN is quarantined, so even the selling dealer gets it masked.
    const access =
      receipt.state === 'REVERSED' && delivery.pin_access === 'full' ? 'masked' : delivery.pin_access;
    const document = this.renderer.document(receipt.receipt, access, options);
    return { kind: 'receipt', receipt, document };
  }
}
