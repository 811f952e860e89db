import { dropDatabase, freshDatabaseUrl } from '@tillpoint/testing';
import { Client } from 'pg';
import { checkInvariants, formatOutcomes } from '../src/invariants/run';
import { FAILED, migrateAll, PIN_KEYS, seed, SOLD, SPARE_PIN } from './invariant-fixture';

/** Each corruption breaks one invariant of DESIGN section 5; `undo` puts the row back. */
const CORRUPTIONS: Array<{ id: number; what: string; run: string; undo: string }> = [
  {
    id: 1,
    what: 'a sale transfer that does not balance',
    run: `UPDATE ledger.entries SET amount = 1001 WHERE account_id = 3`,
    undo: `UPDATE ledger.entries SET amount = 1000 WHERE account_id = 3`,
  },
  {
    id: 2,
    what: 'a float that went below zero on the way',
    run: `UPDATE ledger.entries SET balance_after = -1 WHERE account_id = 1 AND transfer_id = 'topup:1'`,
    undo: `UPDATE ledger.entries SET balance_after = 10000 WHERE account_id = 1 AND transfer_id = 'topup:1'`,
  },
  {
    id: 3,
    what: 'a PIN marked sold to a FAILED sale',
    run: `UPDATE voucher.pins SET status = 'sold', sale_id = '${FAILED}' WHERE id = 2`,
    undo: `UPDATE voucher.pins SET status = 'available', sale_id = NULL WHERE id = 2`,
  },
  {
    id: 4,
    what: 'one reference debited twice',
    run: `INSERT INTO ledger.entries (transfer_id, account_id, amount, currency) VALUES
            ('sale:${SOLD}', 1, -1, 'KES'), ('sale:${SOLD}', 3, 1, 'KES');
          UPDATE ledger.accounts SET balance = 9059 WHERE id = 1`,
    undo: `DELETE FROM ledger.entries WHERE transfer_id = 'sale:${SOLD}' AND amount IN (-1, 1);
           UPDATE ledger.accounts SET balance = 9060 WHERE id = 1`,
  },
  {
    id: 5,
    what: 'a sale whose debit is not its cost',
    run: `UPDATE voucher.sales SET cost = 941 WHERE id = '${SOLD}'`,
    undo: `UPDATE voucher.sales SET cost = 940 WHERE id = '${SOLD}'`,
  },
  {
    id: 6,
    what: 'a receipt parked for its subscriber',
    run: `UPDATE notifications.deliveries SET status = 'parked'`,
    undo: `UPDATE notifications.deliveries SET status = 'delivered'`,
  },
  {
    id: 7,
    what: 'a PIN in clear in a text column',
    run: `UPDATE voucher.sales SET account = 'PIN ${SPARE_PIN}' WHERE id = '${FAILED}'`,
    undo: `UPDATE voucher.sales SET account = '+254712000000' WHERE id = '${FAILED}'`,
  },
  {
    id: 8,
    what: 'a floating-point money column',
    run: `ALTER TABLE voucher.sales ADD COLUMN tip double precision`,
    undo: `ALTER TABLE voucher.sales DROP COLUMN tip`,
  },
];

describe('check:invariants (a fresh database, one row broken at a time)', () => {
  const url = freshDatabaseUrl();
  const env = { DATABASE_URL: url, PIN_KEYS };
  let sql: Client;

  beforeAll(async () => {
    await migrateAll(url);
    sql = new Client({ connectionString: url });
    await sql.connect();
    await seed(sql);
  });

  afterAll(async () => {
    await sql?.end();
    await dropDatabase(url);
  });

  it('passes every invariant on a consistent day, and says so on the last line', async () => {
    const outcomes = await checkInvariants(env);
    expect(outcomes.map((o) => [o.id, o.ok])).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((id) => [id, true]));
    expect(outcomes.find((o) => o.id === 7)?.detail).toMatch(/^2 PINs looked for/);
    expect(formatOutcomes(outcomes).split('\n').at(-1)).toBe('8 passed, 0 failed');
  });

  it.each(CORRUPTIONS)('fails invariant $id on $what', async ({ id, run, undo }) => {
    await sql.query(run);
    try {
      const outcomes = await checkInvariants(env);
      expect(outcomes.find((o) => o.id === id)).toMatchObject({ ok: false });
      expect(formatOutcomes(outcomes)).toMatch(/\d passed, [1-8] failed$/);
    } finally {
      await sql.query(undo);
    }
    expect((await checkInvariants(env)).every((o) => o.ok)).toBe(true);
  });

  it('fails invariant 7 when it cannot open the PINs to look for them', async () => {
    const outcomes = await checkInvariants({ DATABASE_URL: url });
    expect(outcomes.find((o) => o.id === 7)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/PIN_KEYS/),
    });
  });
});
