import { Injectable } from '@nestjs/common';
import {
  DomainError,
  NotificationErrors,
  type ReceiptDocument,
  type SaleReceipt,
} from '@tillpoint/contracts';
import { Sealer } from '../config/sealer';
import type { PinAccess } from './receipt.row';
import { receiptDocument } from '@tillpoint/receipts';

/** Turns a stored receipt into the document a given receiver may see, opening its PIN only when needed. */
@Injectable()
export class ReceiptRenderer {
  constructor(private readonly sealer: Sealer) {}

  document(
    receipt: SaleReceipt,
    access: PinAccess,
    options: { copy?: boolean; hideBalance?: boolean } = {},
  ): ReceiptDocument {
    const pin = access !== 'none' && receipt.pin ? this.open(receipt) : undefined;
    return receiptDocument(receipt, { ...options, pin, maskPin: access === 'masked' });
  }

  private open(receipt: SaleReceipt): string {
    try {
      return this.sealer.open(receipt.pin!);
    } catch (error) {
      // The cipher's message names the key id or the tampering, never the PIN.
      throw new DomainError(
        NotificationErrors.PIN_UNREADABLE,
        `the PIN of ${receipt.saleId} cannot be opened: ${(error as Error).message}`,
      );
    }
  }
}
