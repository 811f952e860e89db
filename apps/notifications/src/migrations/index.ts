import type { MigrationInterface } from 'typeorm';
import { Notifications1764900000000 } from './1764900000000-notifications';

/** The notifications schema's migrations in the order they apply (the outbox and inbox come from libs/messaging). */
export const migrations: Array<new () => MigrationInterface> = [Notifications1764900000000];
