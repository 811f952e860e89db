import { AuthErrors, DomainError } from '@tillpoint/contracts';
import { createHash } from 'node:crypto';

/** A stable hash of a create request's body (keys sorted), to tell a retry from a different request. */
export function fingerprint(body: object): string {
  const sorted = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, sorted(v)]),
        )
      : value;
  return createHash('sha256')
    .update(JSON.stringify(sorted(body)))
    .digest('hex');
}

/** The same id with another body: the earlier create stands and this one is refused. */
export function conflict(what: string): DomainError {
  return new DomainError(AuthErrors.CONFLICT, `${what} exists with other details`);
}

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

/** A unique or foreign-key clash the database caught between our check and our insert. */
export function translatePgError(error: unknown): unknown {
  const { code } = error as { code?: string };
  if (code === UNIQUE_VIOLATION) return new DomainError(AuthErrors.CONFLICT, 'already exists');
  if (code === FOREIGN_KEY_VIOLATION)
    return new DomainError(AuthErrors.INVALID_REFERENCE, 'unknown reference');
  return error;
}
