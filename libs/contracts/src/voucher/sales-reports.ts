import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ORG_ID, Principal } from '../auth/principal';
import { defineCommand } from '../messaging/contract';
import { IsCurrency } from '../money/minor-units';
import { SKU } from './catalog';
import { SALE_STATES, type SaleState } from './sale-receipt';

// Voucher: sales search and reports, scoped by the principal (an operator sees only its own products' sales,
// a dealer-admin its dealer's tree, a terminal its own). Produced by the gateway's back-office API; consumed
// by voucher. The CSV export is voucher's internal HTTP endpoint SALES_EXPORT_PATH (same query fields).

/** `GET /internal/sales/export.csv?from=&to=&sku=&operatorId=&dealerId=&state=`: streamed. */
export const SALES_EXPORT_PATH = '/internal/sales/export.csv';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Which sales: `from` and `to` are days in the selling dealer's time zone, both included. */
export class SalesFilter {
  @ValidateNested()
  @Type(() => Principal)
  principal: Principal;

  @Matches(DAY)
  from: string;

  @Matches(DAY)
  to: string;

  @IsOptional()
  @Matches(SKU)
  sku?: string;

  @IsOptional()
  @Matches(ORG_ID)
  operatorId?: string;

  /** Sales of this dealer and its sub-dealers. */
  @IsOptional()
  @Matches(ORG_ID)
  dealerId?: string;

  @IsOptional()
  @IsCurrency()
  currency?: string;

  @IsOptional()
  @IsIn(SALE_STATES)
  state?: SaleState;
}

export class SearchSalesRequest extends SalesFilter {
  /** The `next` of the previous page. */
  @IsOptional()
  @Matches(/^[0-9]{1,19}:[0-9a-f-]{36}$/)
  after?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export const REPORT_DIMENSIONS = ['day', 'product', 'operator', 'dealer'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

export class SalesReportRequest extends SalesFilter {
  /** What to group by; always per currency too. All four by default. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(REPORT_DIMENSIONS, { each: true })
  groupBy?: ReportDimension[];
}

/** A sale as back offices list it: never its PIN. */
export interface SaleSummary {
  saleId: string;
  clientRef: string;
  state: SaleState;
  failureCode: string | null;
  day: string;
  sku: string;
  operatorId: string;
  dealerId: string;
  terminalId: string;
  cashierId: string;
  account: string;
  currency: string;
  amount: string;
  cost: string;
  commission: string;
  serial: string | null;
  operatorRef: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface SalesPage {
  sales: SaleSummary[];
  next: string | null;
}

/** One group of a report: money of sales that went through (COMPLETED or CONFIRMED). */
export interface SalesReportRow {
  day?: string;
  sku?: string;
  operatorId?: string;
  dealerId?: string;
  currency: string;
  sold: number;
  amount: string;
  cost: string;
  commission: string;
  reversed: number;
  failed: number;
}

export const SearchSales = defineCommand<SearchSalesRequest, SalesPage>(
  'voucher.sales.search.v1',
  SearchSalesRequest,
);
export const SalesReport = defineCommand<SalesReportRequest, SalesReportRow[]>(
  'voucher.sales.report.v1',
  SalesReportRequest,
);
