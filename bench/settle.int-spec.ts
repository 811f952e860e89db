import { dropDatabase, freshDatabaseUrl, queryRows } from '@tillpoint/testing';
import { backlog, settle } from './settle';

// The tables the bench reads after its load, reduced to the columns it reads, in a database of their own.
const SCHEMA = `
  CREATE SCHEMA auth; CREATE SCHEMA ledger; CREATE SCHEMA voucher; CREATE SCHEMA notifications;
  CREATE TABLE voucher.sales (id serial PRIMARY KEY, dealer_id text NOT NULL, state text NOT NULL);
  CREATE TABLE notifications.receipts (sale_id int PRIMARY KEY, dealer_id text NOT NULL);
  CREATE TABLE auth.outbox (id serial, published_at timestamptz);
  CREATE TABLE ledger.outbox (id serial, published_at timestamptz);
  CREATE TABLE voucher.outbox (id serial, published_at timestamptz);
  CREATE TABLE notifications.outbox (id serial, published_at timestamptz);`;

describe('what the bench waits for after its load', () => {
  const url = freshDatabaseUrl();
  const env = { DATABASE_URL: url };
  const run = (sql: string) => queryRows(url, sql);

  beforeAll(async () => {
    const admin = new URL(url);
    admin.pathname = '/postgres';
    await queryRows(admin.toString(), `CREATE DATABASE "${new URL(url).pathname.slice(1)}"`);
    await run(SCHEMA);
  });
  afterAll(() => dropDatabase(url));

  it("counts the run's pending sales, unpublished events and completed sales without a stored receipt", async () => {
    await run(`INSERT INTO voucher.sales (dealer_id, state) VALUES
      ('bench-r1-d1', 'PENDING'), ('bench-r1-d1', 'COMPLETED'), ('bench-r1-d2', 'CONFIRMED'),
      ('bench-r1-d2', 'REVERSED'), ('bench-r1-d2', 'FAILED'), ('other-d1', 'PENDING'), ('other-d1', 'COMPLETED')`);
    await run(`INSERT INTO notifications.receipts VALUES (2, 'bench-r1-d1'), (7, 'other-d1')`);
    await run(`INSERT INTO voucher.outbox (published_at) VALUES (NULL), (now())`);
    await run(`INSERT INTO ledger.outbox (published_at) VALUES (NULL)`);
    expect(await backlog(env, 'bench-r1-')).toEqual({ pendingSales: 1, unpublished: 2, receiptsMissing: 2 });
  });

  it('waits until the receipts are stored too, and says what was left when it gave up', async () => {
    const gaveUp = await settle(env, 'bench-r1-', 600);
    expect(gaveUp).toMatchObject({ pendingSales: 1, unpublished: 2, receiptsMissing: 2 });
    expect(gaveUp.waitedMs).toBeGreaterThanOrEqual(600);

    await run(
      `UPDATE voucher.sales SET state = 'COMPLETED' WHERE state = 'PENDING' AND dealer_id LIKE 'bench-r1-%'`,
    );
    await run(
      `UPDATE voucher.outbox SET published_at = now(); UPDATE ledger.outbox SET published_at = now()`,
    );
    // Only the receipts are missing now: three, the sale just completed one of them.
    expect(await settle(env, 'bench-r1-', 600)).toMatchObject({
      pendingSales: 0,
      unpublished: 0,
      receiptsMissing: 3,
    });

    setTimeout(
      () =>
        void run(
          `INSERT INTO notifications.receipts VALUES (1, 'bench-r1-d1'), (3, 'bench-r1-d2'), (4, 'bench-r1-d2')`,
        ),
      300,
    );
    const settled = await settle(env, 'bench-r1-', 20_000);
    expect(settled).toMatchObject({ pendingSales: 0, unpublished: 0, receiptsMissing: 0 });
    expect(settled.waitedMs).toBeLessThan(20_000);
  });
});
