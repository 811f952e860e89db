import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Principal, SellerContext } from '../auth/principal';
import { defineCommand } from '../messaging/contract';
import { ReceiptCustomer, SaleReceipt, type SaleState } from './sale-receipt';
import { SKU } from './catalog';

// Voucher: the sale and the terminal's advices. Produced by the gateway (POS API); consumed by voucher.

export const CLIENT_REF = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export class CreateSaleRequest {
  @ValidateNested()
  @Type(() => Principal)
  principal: Principal;

  @ValidateNested()
  @Type(() => SellerContext)
  seller: SellerContext;

  /** The terminal's own reference: the key of every retry. */
  @Matches(CLIENT_REF)
  clientRef: string;

  @Matches(SKU)
  sku: string;

  /** A phone number (E.164, or national for the operator's country) or a bill account. */
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  account: string;

  /**
   * Open-amount products: minor units, a string of digits or a JSON integer. Checked by the service, not
   * here, so that a fraction is the refusal `VOUCHER.AMOUNT_NOT_WHOLE` rather than an invalid message.
   */
  @IsOptional()
  amount?: string | number;

  /** The catalog version the terminal priced the sale with; a changed price is refused. */
  @IsOptional()
  @IsInt()
  @Min(1)
  catalogVersion?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => ReceiptCustomer)
  customer?: ReceiptCustomer;
}

/** A terminal asks by its client reference; a back-office user by sale id. */
export class GetSaleRequest {
  @ValidateNested()
  @Type(() => Principal)
  principal: Principal;

  @IsOptional()
  @Matches(CLIENT_REF)
  clientRef?: string;

  @IsOptional()
  @IsUUID()
  saleId?: string;
}

export const ADVICES = ['confirm', 'reverse'] as const;
export type Advice = (typeof ADVICES)[number];

export class SaleAdviceRequest {
  @ValidateNested()
  @Type(() => Principal)
  principal: Principal;

  @Matches(CLIENT_REF)
  clientRef: string;
}

/** The receipt as the selling terminal gets it: the PIN in clear instead of sealed. */
export type TerminalReceipt = Omit<SaleReceipt, 'pin'> & { pin?: string };

/** A sale as it stands. */
export interface SaleView {
  saleId: string;
  clientRef: string;
  state: SaleState;
  /** FAILED: why (a VoucherErrors code). */
  failureCode?: string;
  /** COMPLETED, CONFIRMED, REVERSED: the voucher; the PIN only in the selling terminal's answers. */
  receipt?: TerminalReceipt;
  balanceBefore?: string;
  balanceAfter?: string;
  createdAt: string;
}

/** Sells once per (terminal, client reference); a repeat answers the original outcome. */
export const CreateSale = defineCommand<CreateSaleRequest, SaleView>(
  'voucher.sale.create.v1',
  CreateSaleRequest,
);
/** Status enquiry: the sale as it stands, with its voucher. */
export const GetSale = defineCommand<GetSaleRequest, SaleView>('voucher.sale.get.v1', GetSaleRequest);
/** The terminal printed the receipt. Idempotent. */
export const ConfirmSale = defineCommand<SaleAdviceRequest, SaleView>(
  'voucher.sale.confirm.v1',
  SaleAdviceRequest,
);
/** The terminal never got an answer: take the PIN sale back (within 10 minutes). Idempotent. */
export const ReverseSale = defineCommand<SaleAdviceRequest, SaleView>(
  'voucher.sale.reverse.v1',
  SaleAdviceRequest,
);
