import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { SERVICE_NAMES } from '@tillpoint/contracts';
import {
  BrokerTap,
  dropDatabase,
  eventually,
  freshDatabaseUrl,
  queryRows,
  repoRoot,
  uniqueName,
} from '@tillpoint/testing';

// `npm start` as a newcomer runs it: everything from one command, stopped by Ctrl-C (SIGINT).
describe('npm start', () => {
  const portBase = 3230;
  const env = {
    DATABASE_URL: freshDatabaseUrl(),
    AMQP_NAMESPACE: uniqueName('s'),
    ...Object.fromEntries(
      SERVICE_NAMES.map((name, i) => [`${name.toUpperCase()}_PORT`, String(portBase + i)]),
    ),
  };

  afterAll(async () => {
    const tap = await BrokerTap.open();
    await tap.deleteNamespace(env.AMQP_NAMESPACE, [...SERVICE_NAMES]);
    await tap.close();
    await dropDatabase(env.DATABASE_URL);
  });

  it('brings all five services to ready with the first admin created, and stops them all on Ctrl-C', async () => {
    const start = spawn(process.execPath, [path.join(repoRoot, 'tools/platform/start.js')], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    start.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    start.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const exited = once(start, 'exit');

    await eventually(() => output.join('').includes('all five services ready'), {
      timeoutMs: 120_000,
      what: 'npm start to report all five services ready',
    });
    for (const [i] of SERVICE_NAMES.entries()) {
      expect((await fetch(`http://127.0.0.1:${portBase + i}/health/ready`)).status).toBe(200);
    }
    expect(
      await queryRows(env.DATABASE_URL, `SELECT username FROM auth.users WHERE role = 'platform-admin'`),
    ).toEqual([{ username: 'admin' }]);

    start.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(0);
    const log = output.join('');
    expect(log.match(/"msg":"stopped"/g)).toHaveLength(5);
    expect(log).not.toMatch(/again: exiting now/);
    for (const [i] of SERVICE_NAMES.entries()) {
      await expect(fetch(`http://127.0.0.1:${portBase + i}/health/live`)).rejects.toThrow();
    }
  });
});
