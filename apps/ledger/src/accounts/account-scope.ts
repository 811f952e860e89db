import { DomainError, LedgerErrors, onDealerPath, type Principal } from '@tillpoint/contracts';
import type { EntityManager } from 'typeorm';

interface ScopeRow {
  kind: string;
  owner: string | null;
  owner_path: string[] | null;
}

/**
 * Whether the principal may read this account: a platform admin any; a terminal its own dealer's float; a
 * dealer-admin the floats of its dealer and the dealers below it; an operator its own payables.
 */
export function visibleTo(principal: Principal, row: ScopeRow): boolean {
  switch (principal.role) {
    case 'platform-admin':
      return true;
    case 'terminal':
      return row.kind === 'float' && row.owner !== null && row.owner === principal.dealerId;
    case 'dealer-admin':
      return row.kind === 'float' && onDealerPath(principal, row.owner_path);
    case 'operator':
      return row.kind === 'payable' && row.owner !== null && row.owner === principal.operatorId;
  }
}

/** Refuses, as if it did not exist, an account outside the principal's scope (no principal: a service). */
export async function assertVisible(
  manager: EntityManager,
  code: string,
  principal: Principal | undefined,
): Promise<void> {
  if (!principal) return;
  const [row] = await manager.query<ScopeRow[]>(
    'SELECT kind, owner, owner_path FROM accounts WHERE code = $1',
    [code],
  );
  if (!row || !visibleTo(principal, row)) {
    throw new DomainError(LedgerErrors.ACCOUNT_NOT_FOUND, `no account ${code}`);
  }
}
