import { Client } from 'pg';
import { preparePgStatements, statementName } from '../src/database/prepared-statements';

describe('prepared statements', () => {
  const client = new Client({
    connectionString: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  beforeAll(async () => {
    preparePgStatements();
    await client.connect();
  });
  afterAll(() => client.end());

  const preparedHere = async () =>
    (await client.query<{ name: string }>('SELECT name FROM pg_prepared_statements')).rows.map((r) => r.name);

  it('prepares a parameterised statement once per connection under a name from its text', async () => {
    const text = 'SELECT $1::int + 1 AS n';
    expect((await client.query(text, [41])).rows).toEqual([{ n: 42 }]);
    expect((await client.query(text, [1])).rows).toEqual([{ n: 2 }]);
    const names = await preparedHere();
    expect(names.filter((n) => n === statementName(text))).toHaveLength(1);
  });

  it('leaves statements without parameters unnamed, and gives other texts other names', async () => {
    await client.query('SELECT 1 AS one');
    await client.query('SELECT $1::text AS t', ['x']);
    const names = await preparedHere();
    expect(names).toContain(statementName('SELECT $1::text AS t'));
    expect(names).not.toContain(statementName('SELECT 1 AS one'));
    expect(statementName('SELECT 1')).not.toBe(statementName('SELECT 2'));
  });

  it('answers errors as before', async () => {
    await expect(client.query('SELECT $1::int', ['not a number'])).rejects.toThrow(/invalid input syntax/);
    expect((await client.query('SELECT $1::int AS n', [7])).rows).toEqual([{ n: 7 }]);
  });
});
