import type { MigrationInterface } from 'typeorm';
import { Ledger1764800000000 } from './1764800000000-ledger';
import { LedgerGuards1764800100000 } from './1764800100000-ledger-guards';
import { FloatScope1764800200000 } from './1764800200000-float-scope';

/** The ledger schema's migrations in the order they apply (the outbox and inbox come from libs/messaging). */
export const migrations: Array<new () => MigrationInterface> = [
  Ledger1764800000000,
  LedgerGuards1764800100000,
  FloatScope1764800200000,
];
