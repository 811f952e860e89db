import { hash, verify } from '@node-rs/argon2';
import { AuthErrors, DomainError } from '@tillpoint/contracts';
import type { EntityManager } from 'typeorm';
import { MAX_FAILED_ATTEMPTS } from '../config/auth.config';

/** Verified against when the id is unknown, so that an unknown id takes as long as a wrong PIN. */
let decoy: Promise<string> | undefined;

export interface CredentialRow {
  id: string;
  hash: string;
  failed_attempts: number;
  locked_until: Date | null;
}

export type CredentialOutcome =
  | { ok: true }
  | { ok: false; code: typeof AuthErrors.INVALID_CREDENTIALS | typeof AuthErrors.LOCKED; lockedNow?: Date };

/**
 * Checks a PIN or password against the row's slow hash and keeps the count of wrong ones in a row: the
 * fifth locks the row for `lockoutS`. The caller holds the row's lock (`FOR UPDATE`), so concurrent
 * guesses are counted one by one, and commits before refusing, so the count survives the refusal.
 */
export async function checkCredential(
  manager: EntityManager,
  table: 'cashiers' | 'users',
  row: CredentialRow | undefined,
  given: string,
  lockoutS: number,
): Promise<CredentialOutcome> {
  if (!row) {
    decoy ??= hash('not-a-real-credential');
    await verify(await decoy, given).catch(() => false);
    return { ok: false, code: AuthErrors.INVALID_CREDENTIALS };
  }
  if (row.locked_until && row.locked_until.getTime() > Date.now()) {
    return { ok: false, code: AuthErrors.LOCKED };
  }
  if (await verify(row.hash, given).catch(() => false)) {
    if (row.failed_attempts > 0 || row.locked_until) {
      await manager.query(`UPDATE ${table} SET failed_attempts = 0, locked_until = NULL WHERE id = $1`, [
        row.id,
      ]);
    }
    return { ok: true };
  }
  const failed = row.failed_attempts + 1;
  const lockedNow = failed >= MAX_FAILED_ATTEMPTS ? new Date(Date.now() + lockoutS * 1000) : undefined;
  await manager.query(`UPDATE ${table} SET failed_attempts = $2, locked_until = $3 WHERE id = $1`, [
    row.id,
    lockedNow ? 0 : failed,
    lockedNow ?? null,
  ]);
  return { ok: false, code: AuthErrors.INVALID_CREDENTIALS, lockedNow };
}

/** Turns a refused outcome into the refusal the caller sees (after its transaction committed). */
export function refusal(outcome: CredentialOutcome): DomainError | undefined {
  if (outcome.ok) return undefined;
  return outcome.code === AuthErrors.LOCKED
    ? new DomainError(AuthErrors.LOCKED, 'locked for a while after too many wrong attempts')
    : new DomainError(AuthErrors.INVALID_CREDENTIALS, 'unknown id or wrong PIN or password');
}
