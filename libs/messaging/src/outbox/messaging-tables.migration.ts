import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox and inbox every service with a database keeps in its own schema. */
export class MessagingTables1764720000000 implements MigrationInterface {
  name = 'MessagingTables1764720000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        payload jsonb NOT NULL,
        correlation_id text,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        published_at timestamptz
      )`);
    await runner.query(
      'CREATE INDEX outbox_unpublished ON outbox (occurred_at, id) WHERE published_at IS NULL',
    );
    await runner.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        message_id text NOT NULL,
        reply jsonb,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )`);
    await runner.query('CREATE INDEX inbox_processed_at ON inbox (processed_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE inbox');
    await runner.query('DROP TABLE outbox');
  }
}
