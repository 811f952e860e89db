import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Receipts (the sale as the voucher service told it, its PIN still sealed), the dealers projection (for
 * alerts), webhook subscriptions (their secret sealed), and the delivery queue with its attempt log.
 * E-mail and SMS go through the same queue as webhooks, so they share its retries and its log.
 */
export class Notifications1764900000000 implements MigrationInterface {
  name = 'Notifications1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE receipts (
        sale_id text PRIMARY KEY,
        state text NOT NULL,
        dealer_id text NOT NULL,
        dealer_path text[] NOT NULL,
        terminal_id text NOT NULL,
        operator_id text NOT NULL,
        receipt jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX receipts_terminal ON receipts (terminal_id)');
    await runner.query(`
      CREATE TABLE dealers (
        id text PRIMARY KEY,
        parent_id text,
        path text[] NOT NULL,
        name text NOT NULL,
        currency char(3) NOT NULL,
        time_zone text NOT NULL,
        email text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE subscriptions (
        id uuid PRIMARY KEY,
        owner_kind text NOT NULL CHECK (owner_kind IN ('dealer', 'operator')),
        owner_id text NOT NULL,
        url text NOT NULL,
        events text[] NOT NULL,
        secret_sealed jsonb NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      'CREATE INDEX subscriptions_owner ON subscriptions (owner_kind, owner_id) WHERE active',
    );
    await runner.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY,
        channel text NOT NULL CHECK (channel IN ('webhook', 'email', 'sms')),
        subscription_id uuid REFERENCES subscriptions (id),
        recipient text,
        event_id text NOT NULL,
        event_type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        sale_id text REFERENCES receipts (sale_id),
        pin_access text NOT NULL CHECK (pin_access IN ('full', 'masked', 'none')),
        data jsonb,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'delivered', 'parked', 'cancelled')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_status_code int,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_has_subscription CHECK ((channel = 'webhook') = (subscription_id IS NOT NULL))
      )`);
    // One delivery per subscription (or recipient) and source event: a redelivered event adds nothing.
    await runner.query(
      `CREATE UNIQUE INDEX deliveries_once ON deliveries (channel, COALESCE(subscription_id::text, recipient), event_id)`,
    );
    await runner.query(
      `CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await runner.query('CREATE INDEX deliveries_subscription ON deliveries (subscription_id, created_at)');
    await runner.query(`
      CREATE TABLE delivery_attempts (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES deliveries (id),
        subscription_id uuid,
        attempt int NOT NULL,
        instance text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        status_code int,
        latency_ms int NOT NULL,
        ok boolean NOT NULL,
        error text
      )`);
    await runner.query('CREATE INDEX attempts_subscription ON delivery_attempts (subscription_id, id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE delivery_attempts, deliveries, subscriptions, dealers, receipts');
  }
}
