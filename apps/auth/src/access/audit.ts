import type { Principal } from '@tillpoint/contracts';
import type { EntityManager } from 'typeorm';

/** One audit record of an admin action, written in the action's own transaction: who, what, when, target. */
export async function audit(
  manager: EntityManager,
  principal: Principal,
  action: string,
  target: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await manager.query(
    'INSERT INTO audit_log (actor, role, action, target, details) VALUES ($1, $2, $3, $4, $5)',
    [principal.subject, principal.role, action, target, JSON.stringify(details)],
  );
}
