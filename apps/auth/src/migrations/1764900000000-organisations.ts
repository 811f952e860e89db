import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operators, the dealer tree (a materialised path, so a subtree is one indexed `@>`), terminals,
 * cashiers, the back-office users' scope and lockout, and the audit trail of admin actions.
 * `fingerprint` is the hash of the create request: a retry with the same body gets the same answer.
 */
export class Organisations1764900000000 implements MigrationInterface {
  name = 'Organisations1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE operators (
        id text PRIMARY KEY,
        name text NOT NULL,
        fingerprint text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE dealers (
        id text PRIMARY KEY,
        parent_id text REFERENCES dealers (id),
        path text[] NOT NULL CHECK (cardinality(path) BETWEEN 1 AND 16),
        name text NOT NULL,
        currency char(3) NOT NULL,
        time_zone text NOT NULL,
        email text,
        fingerprint text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX dealers_path ON dealers USING gin (path)');
    await runner.query(`
      ALTER TABLE users
        ADD COLUMN operator_id text REFERENCES operators (id),
        ADD COLUMN dealer_id text REFERENCES dealers (id),
        ADD COLUMN failed_attempts int NOT NULL DEFAULT 0,
        ADD COLUMN locked_until timestamptz,
        ADD CONSTRAINT user_scope CHECK (
          (role = 'operator') = (operator_id IS NOT NULL) AND (role = 'dealer-admin') = (dealer_id IS NOT NULL))`);
    await runner.query(`
      CREATE TABLE terminals (
        id text PRIMARY KEY,
        dealer_id text NOT NULL REFERENCES dealers (id),
        serial text NOT NULL UNIQUE,
        activation_hash text,
        activation_expires_at timestamptz,
        device_id text UNIQUE,
        secret_sealed jsonb,
        blocked boolean NOT NULL DEFAULT false,
        activated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX terminals_dealer ON terminals (dealer_id)');
    await runner.query(`
      CREATE TABLE cashiers (
        id text PRIMARY KEY,
        dealer_id text NOT NULL REFERENCES dealers (id),
        pin_hash text NOT NULL,
        failed_attempts int NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX cashiers_dealer ON cashiers (dealer_id)');
    await runner.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        actor text NOT NULL,
        role text NOT NULL,
        action text NOT NULL,
        target text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_log, cashiers, terminals');
    await runner.query(`ALTER TABLE users DROP CONSTRAINT user_scope, DROP COLUMN operator_id,
      DROP COLUMN dealer_id, DROP COLUMN failed_attempts, DROP COLUMN locked_until`);
    await runner.query('DROP TABLE dealers, operators');
  }
}
