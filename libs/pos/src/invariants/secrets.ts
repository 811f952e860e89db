import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PinCipher } from '@tillpoint/runtime';
import type { Invariant } from './check';
import { verdict } from './check';
import { SCHEMAS, type Snapshots } from './snapshot';

const TEXT_TYPES = ['text', 'character varying', 'character', 'jsonb', 'json'];
const DIGIT_RUNS = /\d{4,32}/g;

/** Every voucher PIN in stock, opened with the platform's key ring. */
async function clearPins(db: Snapshots, pinKeys: string): Promise<Set<string>> {
  const cipher = new PinCipher(pinKeys);
  const rows = await db.rows<{ key_id: string; sealed: string }>(
    'voucher',
    'SELECT key_id, sealed FROM pins',
  );
  return new Set(rows.map((r) => cipher.open({ keyId: r.key_id, sealed: r.sealed })));
}

function hits(text: string, pins: Set<string>): boolean {
  for (const run of text.match(DIGIT_RUNS) ?? []) if (pins.has(run)) return true;
  return false;
}

async function searchSchemas(db: Snapshots, pins: Set<string>): Promise<string[]> {
  const offenders: string[] = [];
  for (const schema of SCHEMAS) {
    const columns = await db.rows<{ table_name: string; column_name: string }>(
      schema,
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE' AND c.data_type = ANY($2)`,
      [schema, TEXT_TYPES],
    );
    for (const { table_name: table, column_name: column } of columns) {
      const rows = await db.rows<{ v: string }>(
        schema,
        `SELECT "${column}"::text AS v FROM "${table}" WHERE "${column}"::text ~ '[0-9]{4}'`,
      );
      const found = rows.filter((r) => hits(r.v, pins)).length;
      if (found > 0) offenders.push(`${schema}.${table}.${column}: ${found} rows with a PIN in clear`);
    }
  }
  return offenders;
}

function searchLogs(dir: string | undefined, pins: Set<string>): string[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => hits(readFileSync(join(dir, name), 'utf8'), pins))
    .map((name) => `log ${name} has a PIN in clear`);
}

/** 7. No PIN in clear at rest: every text column of every schema (and the captured logs) searched for them. */
export const noClearPins: Invariant = {
  id: 7,
  name: 'no voucher PIN in clear in any schema (or captured log)',
  async check(db, context) {
    if (!context.pinKeys)
      return { ok: false, detail: 'PIN_KEYS is not set: the PINs cannot be opened to look for them' };
    const pins = await clearPins(db, context.pinKeys);
    const offenders = [...(await searchSchemas(db, pins)), ...searchLogs(context.logDir, pins)];
    const logs = context.logDir ? ` and the logs in ${context.logDir}` : '';
    return verdict(offenders, `${pins.size} PINs looked for in every text column${logs}: none found`);
  },
};
