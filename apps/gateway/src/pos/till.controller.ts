import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GetBalance,
  GetCatalog,
  SalesReport,
  type CatalogProduct,
  type Principal,
  type SalesReportRow,
  type SellerContext,
} from '@tillpoint/contracts';
import { MessageClient } from '@tillpoint/messaging';
import { CurrentPrincipal, CurrentSeller, Pos } from '../access/access.decorators';
import { AccessGuard } from '../access/access.guard';
import { Answer, PosAuth, Problems } from '../docs/api-docs';
import { DayQuery } from './sale.bodies';

/** Today in a time zone, as YYYY-MM-DD (en-CA formats dates that way). */
export const todayIn = (timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );

const sum = (rows: SalesReportRow[], pick: (row: SalesReportRow) => string | number): bigint =>
  rows.reduce((total, row) => total + BigInt(pick(row)), 0n);

/** What a terminal shows around selling: its products, its dealer's float, its day's takings. */
@ApiTags('pos')
@PosAuth()
@Controller('pos')
@UseGuards(AccessGuard)
@Pos()
export class TillController {
  constructor(private readonly client: MessageClient) {}

  @Get('products')
  @ApiOperation({ summary: "The current catalog's products in the dealer's currency" })
  @Answer(200, '{catalogVersion, products}')
  @Problems()
  async products(
    @CurrentPrincipal() principal: Principal,
    @CurrentSeller() seller: SellerContext,
  ): Promise<{ catalogVersion: number; products: CatalogProduct[] }> {
    const view = await this.client.request(GetCatalog, { principal });
    const products = view.catalog.products.filter((p) => p.currency === seller.currency);
    return { catalogVersion: view.version, products };
  }

  @Get('balance')
  @ApiOperation({ summary: "The dealer's float" })
  @Answer(200, '{dealerId, currency, posted, held, available}')
  @Problems(404)
  async balance(@CurrentPrincipal() principal: Principal, @CurrentSeller() seller: SellerContext) {
    const account = await this.client.request(GetBalance, {
      principal,
      account: `float:${seller.dealerId}`,
    });
    const { currency, posted, held, available } = account;
    return { dealerId: seller.dealerId, currency, posted, held, available };
  }

  @Get('reports/end-of-day')
  @ApiOperation({ summary: "This terminal's sales of one day (dealer's time zone), per product" })
  @Answer(200, '{terminalId, date, currency, byState, bySku, totals}')
  @Problems()
  async endOfDay(
    @CurrentPrincipal() principal: Principal,
    @CurrentSeller() seller: SellerContext,
    @Query() query: DayQuery,
  ) {
    const date = query.date ?? todayIn(seller.timeZone);
    const rows = (
      await this.client.request(SalesReport, { principal, from: date, to: date, groupBy: ['product'] })
    ).filter((row) => row.currency === seller.currency);
    return {
      terminalId: seller.terminalId,
      date,
      currency: seller.currency,
      // The report counts sales that went through (COMPLETED or CONFIRMED) as sold.
      byState: {
        sold: Number(sum(rows, (r) => r.sold)),
        reversed: Number(sum(rows, (r) => r.reversed)),
        failed: Number(sum(rows, (r) => r.failed)),
      },
      bySku: rows.map((r) => ({ sku: r.sku, count: r.sold, amount: r.amount, cost: r.cost })),
      totals: {
        count: Number(sum(rows, (r) => r.sold)),
        amount: String(sum(rows, (r) => r.amount)),
        cost: String(sum(rows, (r) => r.cost)),
      },
    };
  }
}
