import { AuthErrors, DomainError, type Principal } from '@tillpoint/contracts';
import type { EntityManager } from 'typeorm';

/**
 * Whose dealers a principal may administer: `null` is every dealer (a platform admin), a dealer id is
 * that dealer's subtree (a dealer-admin). Operators and terminals administer none.
 */
export function adminScope(principal: Principal): string | null {
  if (principal.role === 'platform-admin') return null;
  if (principal.role === 'dealer-admin' && principal.dealerId) return principal.dealerId;
  throw new DomainError(AuthErrors.FORBIDDEN, 'not allowed');
}

export interface DealerRow {
  id: string;
  parent_id: string | null;
  path: string[];
  name: string;
  currency: string;
  time_zone: string;
  email: string | null;
}

/** SQL that keeps only the scope's dealers: `$n` is the scope, `null` for all. */
export const inScope = (column: string, param: string) =>
  `(${param}::text IS NULL OR ${param} = ANY(${column}))`;

/**
 * The dealer, if the principal may administer it. Out of scope and missing look the same to a
 * dealer-admin (it cannot probe other trees); a platform admin is told it does not exist.
 */
export async function dealerInScope(
  manager: EntityManager,
  principal: Principal,
  dealerId: string,
  lock = false,
): Promise<DealerRow> {
  const scope = adminScope(principal);
  const [dealer] = await manager.query<DealerRow[]>(
    `SELECT id, parent_id, path, name, currency, time_zone, email FROM dealers
     WHERE id = $1 AND ${inScope('path', '$2')} ${lock ? 'FOR UPDATE' : ''}`,
    [dealerId, scope],
  );
  if (dealer) return dealer;
  if (scope === null) throw new DomainError(AuthErrors.NOT_FOUND, 'no such dealer');
  throw new DomainError(AuthErrors.FORBIDDEN, 'not allowed');
}
