import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ORG_ID, SellerContext } from '../auth/principal';
import { IsCurrency } from '../money/minor-units';

// Voucher: what a finished sale says, as the receipt is printed from it. Produced by voucher (in its sale
// events and its answers); consumed by notifications (receipts, webhooks, e-mail) and the gateway.

/** Minor units on the wire: a string of digits, as the ledger's views give them. */
export const MONEY_STRING = /^-?[0-9]{1,19}$/;

export const PRODUCT_KINDS = ['pin', 'topup', 'bill'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const SALE_STATES = ['PENDING', 'COMPLETED', 'CONFIRMED', 'REVERSED', 'FAILED'] as const;
export type SaleState = (typeof SALE_STATES)[number];

/**
 * A voucher PIN encrypted with AES-256-GCM under the platform's PIN key `keyId` (libs/runtime PinCipher):
 * events and stored rows carry this, never the PIN itself (DESIGN invariant 7).
 */
export class SealedPin {
  @IsString()
  @MaxLength(32)
  keyId: string;

  /** base64url of iv (12 bytes) | tag (16 bytes) | ciphertext. */
  @Matches(/^[A-Za-z0-9_-]{40,400}$/)
  sealed: string;
}

export class ReceiptProduct {
  @Matches(/^[A-Z0-9][A-Z0-9.-]{0,63}$/)
  sku: string;

  @IsIn(PRODUCT_KINDS)
  kind: ProductKind;

  @IsString()
  @MaxLength(200)
  name: string;

  @Matches(ORG_ID)
  operatorId: string;

  /** The brand (or biller) as the customer knows it. */
  @IsString()
  @MaxLength(200)
  operatorName: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  validityDays?: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  redeemInstructions?: string;
}

/** Where the customer asked for a copy of the receipt. */
export class ReceiptCustomer {
  @IsOptional()
  @IsEmail()
  email?: string;

  @IsOptional()
  @Matches(/^\+[1-9][0-9]{6,14}$/)
  phone?: string;
}

export class SaleReceipt {
  @IsString()
  @MaxLength(64)
  saleId: string;

  /** The terminal's own reference for the sale. */
  @IsString()
  @MaxLength(64)
  clientRef: string;

  @IsIn(SALE_STATES)
  state: SaleState;

  @ValidateNested()
  @Type(() => SellerContext)
  seller: SellerContext;

  @ValidateNested()
  @Type(() => ReceiptProduct)
  product: ReceiptProduct;

  /** The customer's phone number (E.164) or bill account. */
  @IsString()
  @MaxLength(64)
  account: string;

  @IsCurrency()
  currency: string;

  /** The face value or the amount paid. */
  @Matches(MONEY_STRING)
  amount: string;

  /** What the dealer's float was debited: the amount less the dealer's commission. */
  @Matches(MONEY_STRING)
  cost: string;

  @Matches(MONEY_STRING)
  commission: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => SealedPin)
  pin?: SealedPin;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  serial?: string;

  /** When the PIN stops being redeemable. */
  @IsOptional()
  @IsISO8601()
  pinExpiresAt?: string;

  /** The operator's (or biller's) reference for a top-up or bill payment. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  operatorRef?: string;

  /** The dealer's available float before and after this sale. */
  @Matches(MONEY_STRING)
  balanceBefore: string;

  @Matches(MONEY_STRING)
  balanceAfter: string;

  @IsInt()
  @Min(1)
  catalogVersion: number;

  @IsISO8601()
  completedAt: string;

  @IsOptional()
  @IsISO8601()
  reversedAt?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ReceiptCustomer)
  customer?: ReceiptCustomer;
}
