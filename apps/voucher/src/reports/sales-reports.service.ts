import { Injectable } from '@nestjs/common';
import type {
  ReportDimension,
  SalesFilter,
  SalesPage,
  SalesReportRequest,
  SalesReportRow,
  SaleSummary,
  SearchSalesRequest,
} from '@tillpoint/contracts';
import { DataSource } from 'typeorm';
import { filterSql, SUMMARY_COLUMNS } from './sales-filter';

const GROUPS: Record<ReportDimension, { column: string; as: string }> = {
  day: { column: `to_char(s.local_day, 'YYYY-MM-DD')`, as: 'day' },
  product: { column: 's.sku', as: 'sku' },
  operator: { column: 's.operator_id', as: '"operatorId"' },
  dealer: { column: 's.dealer_id', as: '"dealerId"' },
};

type SummaryRow = SaleSummary & {
  cursor: string;
  createdAt: Date | string;
  completedAt: Date | string | null;
};

const iso = (value: Date | string | null) => (value instanceof Date ? value.toISOString() : value);

/** Sales search (keyset pages), reports per day, product, operator and dealer in each currency, and export. */
@Injectable()
export class SalesReportsService {
  constructor(private readonly dataSource: DataSource) {}

  async search(request: SearchSalesRequest): Promise<SalesPage> {
    const limit = request.limit ?? 100;
    const rows = await this.page(request, request.after, limit + 1);
    const sales = rows.slice(0, limit);
    return {
      sales: sales.map(summary),
      next: rows.length > limit ? sales[sales.length - 1].cursor : null,
    };
  }

  async report(request: SalesReportRequest): Promise<SalesReportRow[]> {
    const groups = (request.groupBy ?? ['day', 'product', 'operator', 'dealer']).map((g) => GROUPS[g]);
    const { where, params } = filterSql(request);
    const select = groups.map((g) => `${g.column} AS ${g.as}`).join(', ');
    const by = [...groups.map((g) => g.column), 's.currency'].join(', ');
    const went = `s.state IN ('COMPLETED', 'CONFIRMED')`;
    return this.dataSource.query<SalesReportRow[]>(
      `SELECT ${select ? `${select},` : ''} s.currency,
          count(*) FILTER (WHERE ${went})::int AS sold,
          coalesce(sum(s.amount) FILTER (WHERE ${went}), 0)::text AS amount,
          coalesce(sum(s.cost) FILTER (WHERE ${went}), 0)::text AS cost,
          coalesce(sum(s.commission) FILTER (WHERE ${went}), 0)::text AS commission,
          count(*) FILTER (WHERE s.state = 'REVERSED')::int AS reversed,
          count(*) FILTER (WHERE s.state = 'FAILED')::int AS failed
        FROM sales s WHERE ${where} GROUP BY ${by} ORDER BY ${by}`,
      params,
    );
  }

  /** Every matching sale, a page at a time: memory holds one page whatever the export's size. */
  async *export(filter: SalesFilter, pageSize = 1000): AsyncGenerator<SaleSummary> {
    let after: string | undefined;
    for (;;) {
      const rows = await this.page(filter, after, pageSize);
      for (const row of rows) yield summary(row);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].cursor;
    }
  }

  private page(filter: SalesFilter, after: string | undefined, limit: number): Promise<SummaryRow[]> {
    const { where, params } = filterSql(filter);
    let keyset = '';
    if (after) {
      const [micros, id] = after.split(':');
      params.push(micros, id);
      const [m, i] = [params.length - 1, params.length];
      keyset = ` AND ((floor(extract(epoch FROM s.created_at) * 1000000))::bigint, s.id) > ($${m}::bigint, $${i}::uuid)`;
    }
    params.push(limit);
    return this.dataSource.query<SummaryRow[]>(
      `SELECT ${SUMMARY_COLUMNS} FROM sales s LEFT JOIN pins p ON p.id = s.pin_id
        WHERE ${where}${keyset} ORDER BY s.created_at, s.id LIMIT $${params.length}`,
      params,
    );
  }
}

function summary({ cursor: _cursor, createdAt, completedAt, ...row }: SummaryRow): SaleSummary {
  return { ...row, createdAt: iso(createdAt)!, completedAt: iso(completedAt) };
}
