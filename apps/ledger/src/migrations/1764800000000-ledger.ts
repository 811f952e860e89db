import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts, the journal (transfers and their entries), holds, and the audit trail of admin actions.
 * Only dealer floats keep a running balance on their row (it guards against overdraft under a row lock);
 * every other account's balance is the sum of its entries, so sales never queue on a hot row.
 */
export class Ledger1764800000000 implements MigrationInterface {
  name = 'Ledger1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE accounts (
        id bigserial PRIMARY KEY,
        code text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('float', 'payable', 'commission', 'funding')),
        owner text,
        currency char(3) NOT NULL,
        balance bigint NOT NULL DEFAULT 0,
        held bigint NOT NULL DEFAULT 0 CHECK (held >= 0),
        credit_limit bigint NOT NULL DEFAULT 0 CHECK (credit_limit >= 0),
        low_float_threshold bigint CHECK (low_float_threshold >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT float_within_limit CHECK (kind <> 'float' OR balance - held + credit_limit >= 0)
      )`);
    await runner.query(`
      CREATE TABLE transfers (
        id text PRIMARY KEY,
        kind text NOT NULL,
        legs_hash text NOT NULL,
        memo text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE entries (
        id bigserial PRIMARY KEY,
        transfer_id text NOT NULL REFERENCES transfers (id),
        account_id bigint NOT NULL REFERENCES accounts (id),
        amount bigint NOT NULL CHECK (amount <> 0),
        currency char(3) NOT NULL,
        balance_after bigint,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX entries_account ON entries (account_id, id)');
    await runner.query('CREATE INDEX entries_transfer ON entries (transfer_id)');
    await runner.query(`
      CREATE TABLE holds (
        id text PRIMARY KEY,
        account_id bigint NOT NULL REFERENCES accounts (id),
        amount bigint NOT NULL CHECK (amount > 0),
        status text NOT NULL CHECK (status IN ('open', 'captured', 'voided', 'expired')),
        expires_at timestamptz NOT NULL,
        transfer_id text REFERENCES transfers (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    await runner.query(`CREATE INDEX holds_open_expiry ON holds (expires_at) WHERE status = 'open'`);
    await runner.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        actor text NOT NULL,
        action text NOT NULL,
        subject text NOT NULL,
        details jsonb NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_log, holds, entries, transfers, accounts');
  }
}
