import { Controller, Get, HttpCode, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  DomainError,
  GatewayErrors,
  GetCatalog,
  GetStockLevels,
  SKU,
  STOCK_UPLOAD_PATH,
  VoucherErrors,
  type Principal,
  type StockLevel,
} from '@tillpoint/contracts';
import { MessageClient } from '@tillpoint/messaging';
import type { Request } from 'express';
import { CurrentPrincipal, Roles } from '../access/access.decorators';
import { AccessGuard } from '../access/access.guard';
import { Answer, Problems } from '../docs/api-docs';
import { VoucherHttp } from '../internal/voucher-http';
import { StockQuery } from './backoffice.bodies';

/** The stock upload's content types: CSV (sku in the query) and the operator's H|D|T pipe format. */
export const STOCK_CONTENT_TYPES = ['text/csv', 'text/plain'] as const;

/** PIN stock: batches stream through to voucher (no 1 MB limit here), levels come by message. */
@ApiBearerAuth('session')
@ApiTags('stock')
@Controller('admin/stock')
@UseGuards(AccessGuard)
@Roles('platform-admin', 'operator')
export class StockController {
  constructor(
    private readonly client: MessageClient,
    private readonly voucher: VoucherHttp,
  ) {}

  @Post('batches')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Upload a PIN batch, streamed: accepted whole or refused whole with its bad rows',
  })
  @ApiConsumes(...STOCK_CONTENT_TYPES)
  @ApiBody({ description: 'The batch file (CSV, or the H|D|T pipe format)', schema: { type: 'string' } })
  @ApiQuery({ name: 'sku', required: false, description: 'Required for CSV; the H line names it otherwise' })
  @Answer(201, 'StockBatchView: {batchId, sku, operatorId, batchRef, rows}')
  @Problems(403, 422)
  upload(
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Query('sku') sku?: string,
  ): Promise<unknown> {
    if (sku !== undefined && !SKU.test(sku)) throw new DomainError(GatewayErrors.INVALID_REQUEST, 'bad sku');
    const type = (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (!(STOCK_CONTENT_TYPES as readonly string[]).includes(type)) {
      throw new DomainError(GatewayErrors.UNSUPPORTED_MEDIA_TYPE, 'a batch is text/csv or text/plain');
    }
    const query = sku ? `?sku=${encodeURIComponent(sku)}` : '';
    return this.voucher.upload(`${STOCK_UPLOAD_PATH}${query}`, principal, req);
  }

  @Get()
  @ApiOperation({ summary: "Stock levels per PIN product (an operator: its own; another's sku is 403)" })
  @Answer(200, 'StockLevel[]')
  @Problems(403)
  async levels(@CurrentPrincipal() principal: Principal, @Query() query: StockQuery): Promise<StockLevel[]> {
    if (principal.role === 'operator' && query.sku) await this.ownProduct(principal, query.sku);
    return this.client.request(GetStockLevels, { principal, ...query });
  }

  /** Voucher answers another operator's sku with no rows; the route list asks for a refusal. */
  private async ownProduct(principal: Principal, sku: string): Promise<void> {
    const { catalog } = await this.client.request(GetCatalog, { principal });
    if (!catalog.products.some((product) => product.sku === sku)) {
      throw new DomainError(VoucherErrors.FORBIDDEN, 'not your product');
    }
  }
}
