import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A transfer id captures at most one hold (a second capture on it would deliver a sale nobody paid for),
 * and the float guard is written so that it cannot overflow a bigint near its limits.
 */
export class LedgerGuards1764800100000 implements MigrationInterface {
  name = 'LedgerGuards1764800100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE holds ADD CONSTRAINT holds_transfer_once UNIQUE (transfer_id)');
    await runner.query('ALTER TABLE accounts DROP CONSTRAINT float_within_limit');
    await runner.query(
      `ALTER TABLE accounts ADD CONSTRAINT float_within_limit CHECK (kind <> 'float' OR balance - held >= -credit_limit)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE accounts DROP CONSTRAINT float_within_limit');
    await runner.query(
      `ALTER TABLE accounts ADD CONSTRAINT float_within_limit CHECK (kind <> 'float' OR balance - held + credit_limit >= 0)`,
    );
    await runner.query('ALTER TABLE holds DROP CONSTRAINT holds_transfer_once');
  }
}
