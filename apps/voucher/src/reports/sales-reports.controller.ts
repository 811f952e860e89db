import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  SalesReport,
  SalesReportRequest,
  SearchSales,
  SearchSalesRequest,
  type SalesPage,
  type SalesReportRow,
} from '@tillpoint/contracts';
import { SalesReportsService } from './sales-reports.service';

@Controller()
export class SalesReportsController {
  constructor(private readonly reports: SalesReportsService) {}

  @MessagePattern(SearchSales.name)
  search(@Payload() request: SearchSalesRequest): Promise<SalesPage> {
    return this.reports.search(request);
  }

  @MessagePattern(SalesReport.name)
  report(@Payload() request: SalesReportRequest): Promise<SalesReportRow[]> {
    return this.reports.report(request);
  }
}
