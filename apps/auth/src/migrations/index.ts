import type { MigrationInterface } from 'typeorm';
import { Users1764720100000 } from './1764720100000-users';

/** The auth schema's migrations in the order they apply (the outbox and inbox come from libs/messaging). */
export const migrations: Array<new () => MigrationInterface> = [Users1764720100000];
