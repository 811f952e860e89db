import { createHash } from 'node:crypto';
import { Client } from 'pg';

/** Distinct statements one connection keeps prepared; past this, new ones run unnamed as before. */
export const MAX_PREPARED_PER_CONNECTION = 500;
/** Longer statements (generated ones, say) are not worth keeping. */
const MAX_PREPARED_TEXT = 16_384;

const prepared = Symbol('tillpoint.prepared');
type Tracked = Client & { [prepared]?: Set<string> };
type Query = (this: Client, config: unknown, values?: unknown, callback?: unknown) => unknown;

let installed = false;

/**
 * Makes every parameterised statement a named prepared statement on its connection, so PostgreSQL parses
 * and plans it once per connection instead of once per call. A profile of the sale path had parsing and
 * planning at a third of the database's CPU: the same few statements, thousands of times a second. The
 * name is a hash of the text, so two texts never share one; statements without parameters (BEGIN, DDL,
 * scripts of several statements) and overlong ones run as before. Applies to every pg client in the
 * process, TypeORM's included; idempotent.
 *
 * A prepared statement whose tables change shape under it is re-planned by PostgreSQL, except that one
 * whose result columns change (a `SELECT *` over an altered table) fails once with "cached plan must not
 * change result type": migrations run before a service serves, so this only matters for a schema changed
 * under a running service.
 */
export function preparePgStatements(): void {
  if (installed) return;
  installed = true;
  const proto = Client.prototype as unknown as { query: Query };
  const original = proto.query;
  proto.query = function (this: Tracked, config: unknown, values?: unknown, callback?: unknown) {
    if (
      typeof config === 'string' &&
      Array.isArray(values) &&
      values.length > 0 &&
      config.length <= MAX_PREPARED_TEXT
    ) {
      const names = (this[prepared] ??= new Set<string>());
      const name = statementName(config);
      if (names.has(name) || names.size < MAX_PREPARED_PER_CONNECTION) {
        names.add(name);
        return original.call(this, { name, text: config, values }, undefined, callback);
      }
    }
    return original.call(this, config, values, callback);
  };
}

const names = new Map<string, string>();

export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `tp_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (names.size < 5_000) names.set(text, name);
  }
  return name;
}
