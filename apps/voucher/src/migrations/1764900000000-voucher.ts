import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalog (one JSON document per version), PIN stock (sealed, with a keyed fingerprint that is unique
 * across every batch), batches, low-stock alerts, and sales (unique per terminal and client reference).
 */
export class Voucher1764900000000 implements MigrationInterface {
  name = 'Voucher1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE catalog_versions (
        version int PRIMARY KEY,
        document jsonb NOT NULL,
        actor text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE stock_batches (
        id uuid PRIMARY KEY,
        sku text NOT NULL,
        operator_id text NOT NULL,
        batch_ref text,
        rows int NOT NULL,
        actor text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // status: available -> reserved (a sale in progress) -> sold, or back to available; quarantined after
    // a reversal (the PIN may have been seen) until an operator releases it.
    await runner.query(`
      CREATE TABLE pins (
        id bigserial PRIMARY KEY,
        sku text NOT NULL,
        operator_id text NOT NULL,
        batch_id uuid NOT NULL REFERENCES stock_batches (id),
        serial text NOT NULL,
        pin_hash text NOT NULL,
        key_id text NOT NULL,
        sealed text NOT NULL,
        expires_on date NOT NULL,
        status text NOT NULL DEFAULT 'available'
          CHECK (status IN ('available', 'reserved', 'sold', 'quarantined')),
        sale_id uuid UNIQUE,
        CONSTRAINT pins_serial_per_operator UNIQUE (operator_id, serial),
        CONSTRAINT pins_pin_hash UNIQUE (pin_hash)
      )`);
    await runner.query(`CREATE INDEX pins_sellable ON pins (sku, expires_on, id) WHERE status = 'available'`);
    await runner.query(`CREATE TABLE stock_alerts (sku text PRIMARY KEY, low boolean NOT NULL)`);
    await runner.query(`
      CREATE TABLE sales (
        id uuid PRIMARY KEY,
        terminal_id text NOT NULL,
        client_ref text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL CHECK (state IN ('PENDING', 'COMPLETED', 'CONFIRMED', 'REVERSED', 'FAILED')),
        step text NOT NULL DEFAULT 'created',
        failure_code text,
        kind text NOT NULL,
        sku text NOT NULL,
        product jsonb NOT NULL,
        operator_id text NOT NULL,
        dealer_id text NOT NULL,
        dealer_path text[] NOT NULL,
        seller jsonb NOT NULL,
        account text NOT NULL,
        customer jsonb,
        currency text NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        cost bigint NOT NULL CHECK (cost >= 0),
        commission bigint NOT NULL CHECK (commission >= 0),
        catalog_version int NOT NULL,
        local_day date NOT NULL,
        -- Not unique: a reversed sale keeps its PIN's id after an operator released the PIN to be sold again.
        pin_id bigint REFERENCES pins (id),
        operator_ref text,
        balance_before bigint,
        balance_after bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        confirmed_at timestamptz,
        reversal_requested_at timestamptz,
        reversed_at timestamptz,
        CONSTRAINT sales_once_per_terminal_ref UNIQUE (terminal_id, client_ref)
      )`);
    await runner.query(`CREATE INDEX sales_pin ON sales (pin_id)`);
    await runner.query(`CREATE INDEX sales_pending ON sales (updated_at) WHERE state = 'PENDING'`);
    await runner.query(`CREATE INDEX sales_day ON sales (local_day, currency)`);
    await runner.query(`CREATE INDEX sales_dealer_path ON sales USING gin (dealer_path)`);
    await runner.query(`CREATE INDEX sales_operator ON sales (operator_id, local_day)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['sales', 'stock_alerts', 'pins', 'stock_batches', 'catalog_versions']) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
