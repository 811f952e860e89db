import { Type } from 'class-transformer';
import { IsInt, Matches, Min, ValidateNested } from 'class-validator';
import { ORG_ID } from '../auth/principal';
import { defineEvent } from '../messaging/contract';
import { SaleReceipt } from './sale-receipt';

// Voucher: facts of the sale saga, written to voucher's outbox in the transaction that changes the sale.
// Consumed by notifications (receipts and deliveries).

export class SaleEvent {
  @ValidateNested()
  @Type(() => SaleReceipt)
  receipt: SaleReceipt;
}

export class StockLowEvent {
  @Matches(/^[A-Z0-9][A-Z0-9.-]{0,63}$/)
  sku: string;

  @Matches(ORG_ID)
  operatorId: string;

  @IsInt()
  @Min(0)
  available: number;

  @IsInt()
  @Min(0)
  threshold: number;
}

/** The sale is COMPLETED: the float was debited and the voucher handed out. */
export const SaleCompleted = defineEvent<SaleEvent>('voucher.sale.completed.v1', SaleEvent);
/** A COMPLETED PIN sale was taken back by the terminal's reverse advice: refunded, its PIN quarantined. */
export const SaleReversed = defineEvent<SaleEvent>('voucher.sale.reversed.v1', SaleEvent);
/** A product's sellable stock fell below its threshold (sent once on the crossing). */
export const StockLow = defineEvent<StockLowEvent>('voucher.stock.low.v1', StockLowEvent);
