import { StockRowErrors, type StockRowErrorCode } from '@tillpoint/contracts';
import type { EntityManager } from 'typeorm';
import type { RowErrors } from './batch-reader';

/** A batch's rows while it is checked; gone with its transaction. */
export const STAGING_TABLE = `CREATE TEMP TABLE stock_staging (
  line int NOT NULL, serial text NOT NULL, pin_hash text NOT NULL, key_id text NOT NULL, sealed text NOT NULL,
  expires_on date NOT NULL) ON COMMIT DROP`;

const CHECKS: Array<{ code: StockRowErrorCode; sql: string; message: string }> = [
  {
    code: StockRowErrors.DUPLICATE_SERIAL,
    message: 'appears earlier in this batch',
    sql: `SELECT line, serial FROM (SELECT line, serial, row_number() OVER (PARTITION BY serial ORDER BY line) AS n
            FROM stock_staging) d WHERE n > 1`,
  },
  {
    code: StockRowErrors.DUPLICATE_PIN,
    message: 'has a PIN that appears earlier in this batch',
    sql: `SELECT line, serial FROM (SELECT line, serial, row_number() OVER (PARTITION BY pin_hash ORDER BY line) AS n
            FROM stock_staging) d WHERE n > 1`,
  },
  {
    code: StockRowErrors.SERIAL_IN_STOCK,
    message: 'is already in stock for this operator',
    sql: `SELECT s.line, s.serial FROM stock_staging s JOIN pins p ON p.operator_id = $1 AND p.serial = s.serial`,
  },
  {
    code: StockRowErrors.PIN_IN_STOCK,
    message: 'has a PIN already in stock',
    sql: `SELECT s.line, s.serial FROM stock_staging s JOIN pins p ON p.pin_hash = s.pin_hash`,
  },
];

/** The checks only the whole batch and the stock can answer: duplicates within it, and against stock. */
export async function crossCheck(
  manager: EntityManager,
  operatorId: string,
  errors: RowErrors,
): Promise<void> {
  for (const check of CHECKS) {
    const found = await manager.query<Array<{ line: number; serial: string; total: string }>>(
      `SELECT line, serial, count(*) OVER () AS total FROM (${check.sql}) c WHERE $1::text IS NOT NULL ORDER BY line LIMIT $2`,
      // At least one row, for the count of all.
      [operatorId, Math.max(1, errors.room)],
    );
    const total = found.length > 0 ? Number(found[0].total) : 0;
    for (const row of found)
      errors.add({ line: row.line, code: check.code, message: `serial ${row.serial} ${check.message}` });
    errors.count += total - found.length;
  }
}
