import cc from 'currency-codes';
import type { Invariant } from './check';
import { verdict } from './check';

/** 1. Every transfer balances to zero per currency; every account balance equals the sum of its entries. */
export const transfersBalance: Invariant = {
  id: 1,
  name: 'every transfer balances per currency; every balance is the sum of its entries',
  async check(db) {
    const unbalanced = await db.rows<{ transfer_id: string; currency: string; sum: string }>(
      'ledger',
      `SELECT transfer_id, currency, sum(amount)::text AS sum FROM entries GROUP BY 1, 2 HAVING sum(amount) <> 0`,
    );
    // Only floats keep a balance on their row; the others' balance is their entries' sum by definition.
    const drifted = await db.rows<{ code: string; balance: string; sum: string }>(
      'ledger',
      `SELECT a.code, a.balance::text AS balance, COALESCE(sum(e.amount), 0)::text AS sum
         FROM accounts a LEFT JOIN entries e ON e.account_id = a.id
        WHERE a.kind = 'float' GROUP BY a.id HAVING a.balance <> COALESCE(sum(e.amount), 0)`,
    );
    const wrongCurrency = await db.rows<{ id: string }>(
      'ledger',
      `SELECT e.id::text AS id FROM entries e JOIN accounts a ON a.id = e.account_id WHERE e.currency <> a.currency`,
    );
    const [{ n }] = await db.rows<{ n: string }>('ledger', 'SELECT count(*)::text AS n FROM transfers');
    return verdict(
      [
        ...unbalanced.map((r) => `transfer ${r.transfer_id} sums to ${r.sum} ${r.currency}`),
        ...drifted.map((r) => `${r.code} balance ${r.balance} but entries sum ${r.sum}`),
        ...wrongCurrency.map((r) => `entry ${r.id} in another currency than its account`),
      ],
      `${n} transfers balanced`,
    );
  },
};

/** 2. A dealer's available float never goes below minus its credit limit. */
export const floatWithinLimit: Invariant = {
  id: 2,
  name: "no dealer's available float below minus its credit limit",
  async check(db) {
    const below = await db.rows<{ code: string; available: string }>(
      'ledger',
      `SELECT code, (balance - held)::text AS available FROM accounts
        WHERE kind = 'float' AND balance - held < -credit_limit`,
    );
    // The running balance after every posting, so a dip that was later made good is caught too.
    const dipped = await db.rows<{ code: string; balance_after: string }>(
      'ledger',
      `SELECT a.code, e.balance_after::text AS balance_after FROM entries e JOIN accounts a ON a.id = e.account_id
        WHERE a.kind = 'float' AND e.balance_after < -a.credit_limit`,
    );
    const heldWrong = await db.rows<{ code: string }>(
      'ledger',
      `SELECT a.code FROM accounts a LEFT JOIN holds h ON h.account_id = a.id AND h.status = 'open'
        WHERE a.kind = 'float' GROUP BY a.id HAVING a.held <> COALESCE(sum(h.amount), 0)`,
    );
    const [{ n }] = await db.rows<{ n: string }>(
      'ledger',
      `SELECT count(*)::text AS n FROM accounts WHERE kind = 'float'`,
    );
    return verdict(
      [
        ...below.map((r) => `${r.code} available ${r.available}`),
        ...dipped.map((r) => `${r.code} went to ${r.balance_after}`),
        ...heldWrong.map((r) => `${r.code} held differs from its open holds`),
      ],
      `${n} floats within their limits`,
    );
  },
};

const FLOAT_TYPES = ['real', 'double precision', 'numeric', 'money'];

/** 8. Money is integer minor units: no column of any schema is a float, numeric or money type. */
export const integerMoney: Invariant = {
  id: 8,
  name: 'money is integer minor units (no float, numeric or money column; ISO 4217 currencies)',
  async check(db) {
    const offenders: string[] = [];
    for (const schema of ['auth', 'ledger', 'voucher', 'notifications'] as const) {
      const columns = await db.rows<{ table_name: string; column_name: string; data_type: string }>(
        schema,
        `SELECT table_name, column_name, data_type FROM information_schema.columns
          WHERE table_schema = $1 AND data_type = ANY($2)`,
        [schema, FLOAT_TYPES],
      );
      offenders.push(...columns.map((c) => `${schema}.${c.table_name}.${c.column_name} is ${c.data_type}`));
    }
    const currencies = await db.rows<{ currency: string }>(
      'ledger',
      'SELECT DISTINCT currency FROM accounts',
    );
    offenders.push(
      ...currencies.filter((c) => !cc.code(c.currency)).map((c) => `currency ${c.currency} is not ISO 4217`),
    );
    return verdict(offenders, `no non-integer money column; ${currencies.length} currencies, all ISO 4217`);
  },
};
