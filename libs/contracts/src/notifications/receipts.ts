import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Principal } from '../auth/principal';
import { defineCommand } from '../messaging/contract';
import type { SaleState } from '../voucher/sale-receipt';

// Notifications: receipts. Produced by the gateway (POS reprint, back office); consumed by notifications.

export const RECEIPT_FORMATS = ['json', 'slip', 'pdf'] as const;
export type ReceiptFormat = (typeof RECEIPT_FORMATS)[number];

/** Thermal printer widths the slip is laid out for. */
export const SLIP_WIDTHS = [32, 48] as const;
export type SlipWidth = (typeof SLIP_WIDTHS)[number];

export class ReprintReceiptRequest {
  @ValidateNested()
  @Type(() => Principal)
  principal: Principal;

  @IsString()
  @MaxLength(64)
  saleId: string;

  @IsIn(RECEIPT_FORMATS)
  format: ReceiptFormat;

  /** Slip only; 32 by default. */
  @IsOptional()
  @IsIn(SLIP_WIDTHS)
  width?: SlipWidth;
}

/** The receipt as data: what the slip and the PDF print, amounts already in the currency's format. */
export interface ReceiptDocument {
  saleId: string;
  clientRef: string;
  state: SaleState;
  copy: boolean;
  dealer: { id: string; name: string };
  terminalId: string;
  cashierId: string;
  /** Date and time in the dealer's time zone, as printed. */
  dateTime: string;
  timeZone: string;
  completedAt: string;
  reversedAt?: string;
  product: { sku: string; kind: string; name: string; operatorId: string; operatorName: string };
  account: string;
  currency: string;
  /** Minor units, a string of digits, and the same amount as printed (`KES 1,250.00`). */
  amount: string;
  amountText: string;
  /** The PIN in full or masked (`********5678`) depending on who receives it; absent for PIN-less sales. */
  pin?: string;
  pinMasked?: boolean;
  serial?: string;
  operatorRef?: string;
  /** "until 03 Dec 2027" or "365 days". */
  validity?: string;
  redeemInstructions?: string;
  /** The dealer's available float after the sale; absent in copies for those who may not see it. */
  balanceAfter?: string;
  balanceAfterText?: string;
}

/** One of `receipt` (json), `slip` (text) or `pdf` (base64) is set, by the format asked for. */
export interface ReceiptReply {
  saleId: string;
  format: ReceiptFormat;
  copy: true;
  receipt?: ReceiptDocument;
  slip?: string;
  pdf?: string;
}

/** A copy of a stored receipt for the selling terminal or a dealer-admin on the seller's dealer path. */
export const ReprintReceipt = defineCommand<ReprintReceiptRequest, ReceiptReply>(
  'notifications.receipt.reprint.v1',
  ReprintReceiptRequest,
);
