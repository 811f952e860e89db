import { BadRequestException, Controller, Get, Query, Req, Res, UseGuards } from '@nestjs/common';
import { SalesFilter, type SaleSummary } from '@tillpoint/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Response } from 'express';
import { once } from 'node:events';
import { InternalAuthGuard, type InternalRequest } from '../internal/internal-auth.guard';
import { SalesReportsService } from './sales-reports.service';

const COLUMNS: Array<keyof SaleSummary> = [
  'saleId',
  'clientRef',
  'state',
  'failureCode',
  'day',
  'sku',
  'operatorId',
  'dealerId',
  'terminalId',
  'cashierId',
  'account',
  'currency',
  'amount',
  'cost',
  'commission',
  'serial',
  'operatorRef',
  'createdAt',
  'completedAt',
];

/** RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs a cell as a formula. */
function cell(value: string | null): string {
  let text = value ?? '';
  if (/^[=+\-@]/.test(text) && !/^-?[0-9]+$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `GET /internal/sales/export.csv`: the sales a filter finds, written as they are read (never buffered). */
@Controller('internal/sales')
@UseGuards(InternalAuthGuard)
export class SalesExportController {
  constructor(private readonly reports: SalesReportsService) {}

  @Get('export.csv')
  async export(
    @Req() request: InternalRequest,
    @Res() response: Response,
    @Query() query: Record<string, string>,
  ): Promise<void> {
    const filter = plainToInstance(SalesFilter, { ...query, principal: request.principal });
    const problems = validateSync(filter, { forbidUnknownValues: true });
    if (problems.length > 0) throw new BadRequestException(problems.map((p) => p.toString()).join('; '));
    response
      .status(200)
      .type('text/csv')
      .setHeader('content-disposition', 'attachment; filename="sales.csv"');
    response.write(`${COLUMNS.join(',')}\r\n`);
    for await (const sale of this.reports.export(filter)) {
      const line = `${COLUMNS.map((c) => cell(sale[c])).join(',')}\r\n`;
      if (!response.write(line)) await once(response, 'drain');
    }
    response.end();
  }
}
