import type { MigrationInterface } from 'typeorm';
import { Voucher1764900000000 } from './1764900000000-voucher';

/** The voucher schema's migrations in the order they apply (the outbox and inbox come from libs/messaging). */
export const migrations: Array<new () => MigrationInterface> = [Voucher1764900000000];
