import type { SalesFilter } from '@tillpoint/contracts';
import { scopeSql } from '../sales/sale-scope';

/** A filter as SQL on `sales s`: the principal's scope first, then what was asked for. */
export function filterSql(filter: SalesFilter): { where: string; params: unknown[] } {
  const scope = scopeSql(filter.principal, 1);
  const params: unknown[] = [...scope.params];
  const clauses = [scope.sql];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    clauses.push(sql(params.length));
  };
  add((n) => `s.local_day >= $${n}::date`, filter.from);
  add((n) => `s.local_day <= $${n}::date`, filter.to);
  if (filter.sku) add((n) => `s.sku = $${n}`, filter.sku);
  if (filter.operatorId) add((n) => `s.operator_id = $${n}`, filter.operatorId);
  if (filter.dealerId) add((n) => `s.dealer_path @> ARRAY[$${n}::text]`, filter.dealerId);
  if (filter.currency) add((n) => `s.currency = $${n}`, filter.currency);
  if (filter.state) add((n) => `s.state = $${n}`, filter.state);
  return { where: clauses.join(' AND '), params };
}

/** The columns of a SaleSummary, and the keyset cursor (`<created micros>:<id>`) of each row. */
export const SUMMARY_COLUMNS = `s.id AS "saleId", s.client_ref AS "clientRef", s.state, s.failure_code AS "failureCode",
  to_char(s.local_day, 'YYYY-MM-DD') AS day, s.sku, s.operator_id AS "operatorId", s.dealer_id AS "dealerId",
  s.terminal_id AS "terminalId", s.seller->>'cashierId' AS "cashierId", s.account, s.currency,
  s.amount::text AS amount, s.cost::text AS cost, s.commission::text AS commission, p.serial,
  s.operator_ref AS "operatorRef", s.created_at AS "createdAt", s.completed_at AS "completedAt",
  (floor(extract(epoch FROM s.created_at) * 1000000))::bigint || ':' || s.id AS cursor`;
