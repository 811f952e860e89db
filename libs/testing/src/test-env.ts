import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The servers the tests use: the environment's, else the local defaults (as the services default). */
export const testServers = {
  databaseUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/tillpoint',
  amqpUrl: process.env.AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672',
  redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
};

/** A short random suffix so concurrent test files never share a database or a queue. */
export function uniqueName(prefix: string): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}

/** A database URL on the test server with a fresh database name (the services create it on start). */
export function freshDatabaseUrl(): string {
  const url = new URL(testServers.databaseUrl);
  url.pathname = `/${uniqueName('tp_test_')}`;
  return url.toString();
}

/** Drops a test database, closing whatever connections are left on it. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Runs one query against a database and returns its rows. */
export async function queryRows<T = Record<string, unknown>>(
  databaseUrl: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
