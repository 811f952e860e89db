import {
  DomainError,
  NotificationErrors,
  type Principal,
  type SubscriptionOwnerKind,
} from '@tillpoint/contracts';

export interface Owner {
  kind: SubscriptionOwnerKind;
  id: string;
}

/**
 * Whose subscription a principal creates: a dealer-admin its dealer's, an operator user its operator's,
 * a platform admin the one dealer or operator it names. Terminals own none.
 */
export function ownerFor(principal: Principal, named: { dealerId?: string; operatorId?: string }): Owner {
  if (principal.role === 'dealer-admin' && principal.dealerId)
    return { kind: 'dealer', id: principal.dealerId };
  if (principal.role === 'operator' && principal.operatorId)
    return { kind: 'operator', id: principal.operatorId };
  if (principal.role === 'platform-admin') {
    if (named.dealerId && !named.operatorId) return { kind: 'dealer', id: named.dealerId };
    if (named.operatorId && !named.dealerId) return { kind: 'operator', id: named.operatorId };
  }
  throw new DomainError(
    NotificationErrors.OWNER_REQUIRED,
    principal.role === 'platform-admin'
      ? 'name exactly one of dealerId or operatorId'
      : `a ${principal.role} cannot own webhook subscriptions`,
  );
}

/**
 * The SQL condition (on a `subscriptions s` alias, from parameter `$first` on) that keeps what a principal
 * may see: a platform admin everything, a dealer-admin or operator its own owner's, anyone else nothing.
 */
export function visibleTo(principal: Principal, first: number): { sql: string; params: unknown[] } {
  if (principal.role === 'platform-admin') return { sql: 'true', params: [] };
  const own =
    principal.role === 'dealer-admin'
      ? { kind: 'dealer', id: principal.dealerId }
      : principal.role === 'operator'
        ? { kind: 'operator', id: principal.operatorId }
        : undefined;
  if (!own?.id) return { sql: 'false', params: [] };
  return { sql: `(s.owner_kind = $${first} AND s.owner_id = $${first + 1})`, params: [own.kind, own.id] };
}
