import type { MigrationInterface } from 'typeorm';
import { Users1764720100000 } from './1764720100000-users';
import { Organisations1764900000000 } from './1764900000000-organisations';

/** The auth schema's migrations in the order they apply (the outbox and inbox come from libs/messaging). */
export const migrations: Array<new () => MigrationInterface> = [
  Users1764720100000,
  Organisations1764900000000,
];
