import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  DomainError,
  GetSale,
  isDomainError,
  SALES_EXPORT_PATH,
  SalesReport,
  SearchSales,
  VoucherErrors,
  type Principal,
  type SalesPage,
  type SalesReportRow,
  type SaleView,
} from '@tillpoint/contracts';
import { MessageClient } from '@tillpoint/messaging';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../access/access.decorators';
import { AccessGuard } from '../access/access.guard';
import { Answer, Problems } from '../docs/api-docs';
import { UuidPipe } from '../http/params';
import { VoucherHttp } from '../internal/voucher-http';
import { ReceiptCopies } from '../receipts/receipt-copies';
import { ReceiptQuery } from '../pos/sale.bodies';
import { ReportQuery, SalesPageQuery, SalesQuery } from './backoffice.bodies';

/**
 * Voucher answers a sale outside the caller's scope as not found; to a back-office user who is not a
 * platform admin, a missing sale and another dealer's (or operator's) sale are both 403, so the answer
 * tells nothing of which ids exist.
 */
function outOfScope(principal: Principal, error: unknown): unknown {
  if (principal.role === 'platform-admin' || !isDomainError(error)) return error;
  if (error.code !== VoucherErrors.SALE_NOT_FOUND) return error;
  return new DomainError(VoucherErrors.FORBIDDEN, 'not allowed');
}

/** Sales as back offices see them (never a PIN), scoped by voucher; reports; the streamed CSV. */
@ApiBearerAuth('session')
@ApiTags('sales')
@Controller('admin')
@UseGuards(AccessGuard)
@Roles('platform-admin', 'operator', 'dealer-admin')
export class AdminSalesController {
  constructor(
    private readonly client: MessageClient,
    private readonly voucher: VoucherHttp,
    private readonly receipts: ReceiptCopies,
  ) {}

  @Get('sales')
  @ApiOperation({ summary: 'Search sales, a page at a time' })
  @Answer(200, 'SalesPage: {sales, next}')
  @Problems()
  search(@CurrentPrincipal() principal: Principal, @Query() query: SalesPageQuery): Promise<SalesPage> {
    return this.client.request(SearchSales, { principal, ...query });
  }

  @Get('sales/export.csv')
  @ApiOperation({ summary: 'The sales a filter finds as CSV, streamed' })
  @ApiProduces('text/csv')
  @Answer(200, 'text/csv', { type: 'string' })
  @Problems()
  async export(
    @CurrentPrincipal() principal: Principal,
    @Query() query: SalesQuery,
    @Res() res: Response,
  ): Promise<void> {
    // Only the fields given: the validated instance also has the absent ones, as undefined.
    const given = Object.entries(query).filter(([, value]) => value !== undefined);
    const search = new URLSearchParams(given as Array<[string, string]>).toString();
    await this.voucher.download(`${SALES_EXPORT_PATH}?${search}`, principal, res);
  }

  @Get('sales/:saleId')
  @ApiOperation({ summary: 'One sale (outside the caller’s scope: 403)' })
  @Answer(200, 'SaleView (no PIN)')
  @Problems(403, 404)
  async sale(
    @CurrentPrincipal() principal: Principal,
    @Param('saleId', UuidPipe) saleId: string,
  ): Promise<SaleView> {
    try {
      return await this.client.request(GetSale, { principal, saleId });
    } catch (error) {
      throw outOfScope(principal, error);
    }
  }

  @Get('sales/:saleId/receipt')
  // Notifications gives copies to the dealer-admins on the sale's dealer path only.
  @Roles('dealer-admin')
  @ApiOperation({ summary: "A COPY of a sale's receipt (dealer-admins on the sale's dealer path)" })
  @Answer(200, 'The copy (text/plain, application/pdf or JSON)')
  @Problems(403, 404)
  receipt(
    @CurrentPrincipal() principal: Principal,
    @Param('saleId', UuidPipe) saleId: string,
    @Query() query: ReceiptQuery,
    @Res() res: Response,
  ): Promise<void> {
    return this.receipts.answer(principal, saleId, query, res);
  }

  @Get('reports/sales')
  @ApiOperation({ summary: 'Sales totals grouped by day, product, operator or dealer, per currency' })
  @Answer(200, 'SalesReportRow[]')
  @Problems()
  report(@CurrentPrincipal() principal: Principal, @Query() query: ReportQuery): Promise<SalesReportRow[]> {
    const { by, ...range } = query;
    return this.client.request(SalesReport, { principal, ...range, groupBy: [by] });
  }
}
