import { Client } from 'pg';

export const SCHEMAS = ['auth', 'ledger', 'voucher', 'notifications'] as const;
export type Schema = (typeof SCHEMAS)[number];

type Row = object;

/**
 * One read-only REPEATABLE READ snapshot per service schema (each service may have a database of its own:
 * `<SERVICE>_DATABASE_URL`, else `DATABASE_URL`). An operator's tool: it never writes.
 */
export class Snapshots {
  private constructor(private readonly clients: Map<Schema, Client>) {}

  static async open(env: Record<string, string | undefined>): Promise<Snapshots> {
    const clients = new Map<Schema, Client>();
    try {
      for (const schema of SCHEMAS) {
        const url = env[`${schema.toUpperCase()}_DATABASE_URL`] || env.DATABASE_URL;
        if (!url) throw new Error('DATABASE_URL is not set');
        const client = new Client({ connectionString: url });
        clients.set(schema, client);
        await client.connect();
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await client.query(`SET LOCAL search_path TO ${schema}`);
      }
    } catch (error) {
      await Promise.all([...clients.values()].map((c) => c.end().catch(() => undefined)));
      throw error;
    }
    return new Snapshots(clients);
  }

  async rows<T extends Row = Row>(schema: Schema, sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.clients.get(schema)!.query(sql, params)).rows as T[];
  }

  async close(): Promise<void> {
    for (const client of this.clients.values()) {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    }
  }
}
