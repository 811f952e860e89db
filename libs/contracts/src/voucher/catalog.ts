import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Principal, ORG_ID } from '../auth/principal';
import { defineCommand } from '../messaging/contract';
import { IsCurrency } from '../money/minor-units';
import { PRODUCT_KINDS, type ProductKind } from './sale-receipt';

// Voucher: the catalog (operators, billers, products), versioned: every change is a new version.
// Produced by the gateway's admin and POS APIs; consumed by voucher.

export const SKU = /^[A-Z0-9][A-Z0-9.-]{0,63}$/;

export class CatalogOperator {
  @Matches(ORG_ID)
  id: string;

  /** ISO 3166 alpha-2: phone numbers sold to must be of this country. */
  @Matches(/^[A-Z]{2}$/)
  country: string;

  @IsString()
  @MaxLength(200)
  brand: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  legalName?: string;

  @IsOptional()
  @IsString()
  mccMnc?: string;

  @IsCurrency()
  currency: string;
}

/** A biller is an operator of its own (reports by operator include billers). */
export class CatalogBiller {
  @Matches(ORG_ID)
  id: string;

  @Matches(/^[A-Z]{2}$/)
  country: string;

  @IsString()
  @MaxLength(200)
  name: string;

  @IsCurrency()
  currency: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  accountPattern?: string;
}

export class CatalogProduct {
  @Matches(SKU)
  sku: string;

  @IsIn(PRODUCT_KINDS)
  kind: ProductKind;

  /** `pin` and `topup` products. */
  @IsOptional()
  @Matches(ORG_ID)
  operator?: string;

  /** `bill` products. */
  @IsOptional()
  @Matches(ORG_ID)
  biller?: string;

  @IsCurrency()
  currency: string;

  /** `pin`: the fixed face value in minor units. */
  @IsOptional()
  @IsInt()
  @Min(1)
  faceValue?: number;

  /** `topup` and `bill`: the open amount's range in minor units. */
  @IsOptional()
  @IsInt()
  @Min(1)
  minAmount?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  maxAmount?: number;

  @IsInt()
  @Min(0)
  /** Below 10000: a sale always costs the dealer something. */
  @Max(9999)
  dealerCommissionBps: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  validityDays?: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  redeemInstructions?: string;

  /** `bill`: a regular expression the account must match (else the biller's). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  accountPattern?: string;

  /** `pin`: `voucher.stock.low.v1` when sellable stock falls below this (else VOUCHER_STOCK_LOW_THRESHOLD). */
  @IsOptional()
  @IsInt()
  @Min(0)
  lowStockThreshold?: number;
}

/** The whole catalog as `../shared/data/catalog.json` gives it. */
export class CatalogDocument {
  /** The author's own number, kept as given: the service numbers its versions itself. */
  @IsOptional()
  @IsInt()
  version?: number;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => CatalogOperator)
  operators: CatalogOperator[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => CatalogBiller)
  billers?: CatalogBiller[];

  @IsArray()
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => CatalogProduct)
  products: CatalogProduct[];
}

export class PublishCatalogRequest {
  @ValidateNested()
  @Type(() => Principal)
  principal: Principal;

  @ValidateNested()
  @Type(() => CatalogDocument)
  catalog: CatalogDocument;
}

export class GetCatalogRequest {
  @ValidateNested()
  @Type(() => Principal)
  principal: Principal;

  /** Omit for the current version. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export interface CatalogView {
  version: number;
  createdAt: string;
  /** An operator sees only its own operator and products. */
  catalog: CatalogDocument;
}

/** A platform admin replaces the catalog; the answer is the new version. */
export const PublishCatalog = defineCommand<PublishCatalogRequest, CatalogView>(
  'voucher.catalog.publish.v1',
  PublishCatalogRequest,
);
export const GetCatalog = defineCommand<GetCatalogRequest, CatalogView>(
  'voucher.catalog.get.v1',
  GetCatalogRequest,
);
