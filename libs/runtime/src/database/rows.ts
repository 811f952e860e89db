import type { EntityManager } from 'typeorm';

/**
 * Runs SQL and returns its rows. TypeORM answers an UPDATE or DELETE with `[rows, rowCount]` instead of
 * the rows, which `... RETURNING` queries trip over; this always gives the rows.
 */
export async function rows<T>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await manager.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
