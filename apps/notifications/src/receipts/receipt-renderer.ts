import { Injectable } from '@nestjs/common';
import type { ReceiptDocument, SaleReceipt } from '@tillpoint/contracts';
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
    const pin = access !== 'none' && receipt.pin ? this.sealer.open(receipt.pin) : undefined;
    return receiptDocument(receipt, { ...options, pin, maskPin: access === 'masked' });
  }
}
