import { Type } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Principal } from '../auth/principal';
import { defineCommand } from '../messaging/contract';
import { SKU } from './catalog';
import type { StockRowErrorCode } from './voucher.errors';

// Voucher: PIN stock. Batches are uploaded over voucher's internal HTTP endpoint (streamed by the gateway);
// stock levels are a command. Produced by the gateway's back-office API; consumed by voucher.

/** Header of the internal HTTP endpoints: the shared INTERNAL_API_TOKEN. */
export const INTERNAL_TOKEN_HEADER = 'x-tillpoint-internal-token';
/** Header of the internal HTTP endpoints: the caller's Principal as base64url JSON. */
export const PRINCIPAL_HEADER = 'x-tillpoint-principal';
/** `POST /internal/stock/batches?sku=<SKU>`: a CSV batch (text/csv) or a pipe batch (text/plain). */
export const STOCK_UPLOAD_PATH = '/internal/stock/batches';

export interface StockRowError {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  code: StockRowErrorCode;
  message: string;
}

/** The answer to an accepted batch. A refused one is a problem with code VOUCHER.BATCH_REFUSED. */
export interface StockBatchView {
  batchId: string;
  sku: string;
  operatorId: string;
  /** The operator's batch reference (pipe format header), if any. */
  batchRef: string | null;
  rows: number;
}

/** The body of a refused batch (HTTP 422). */
export interface StockBatchRefusal {
  code: string;
  message: string;
  /** The first bad rows (at most VOUCHER_BATCH_ERRORS_LISTED of them). */
  errors: StockRowError[];
  errorCount: number;
}

export class GetStockLevelsRequest {
  @ValidateNested()
  @Type(() => Principal)
  principal: Principal;

  @IsOptional()
  @Matches(SKU)
  sku?: string;
}

export interface StockLevel {
  sku: string;
  operatorId: string;
  /** Sellable now: in stock and not expired. */
  available: number;
  reserved: number;
  sold: number;
  quarantined: number;
  expired: number;
  threshold: number;
}

/** Stock per PIN product; an operator sees only its own. */
export const GetStockLevels = defineCommand<GetStockLevelsRequest, StockLevel[]>(
  'voucher.stock.levels.v1',
  GetStockLevelsRequest,
);

export class ReleasePinRequest {
  @ValidateNested()
  @Type(() => Principal)
  principal: Principal;

  @Matches(SKU)
  sku: string;

  @IsString()
  @MaxLength(64)
  serial: string;
}

export interface ReleasedPin {
  sku: string;
  serial: string;
  status: 'available';
}

/** The operator (or a platform admin) puts a quarantined PIN (from a reversed sale) back on sale. */
export const ReleasePin = defineCommand<ReleasePinRequest, ReleasedPin>(
  'voucher.stock.release.v1',
  ReleasePinRequest,
);
