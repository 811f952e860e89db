import type { MigrationInterface } from 'typeorm';

/** The notifications schema's migrations in the order they apply (the outbox and inbox come from libs/messaging). */
export const migrations: Array<new () => MigrationInterface> = [];
