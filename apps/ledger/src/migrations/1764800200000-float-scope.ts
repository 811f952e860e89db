import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A float remembers its dealer's place in the tree, so a dealer-admin's reads can be scoped to its subtree. */
export class FloatScope1764800200000 implements MigrationInterface {
  name = 'FloatScope1764800200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE accounts ADD COLUMN owner_path text[]');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE accounts DROP COLUMN owner_path');
  }
}
