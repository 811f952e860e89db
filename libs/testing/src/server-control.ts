import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { Client } from 'pg';
import amqplib from 'amqplib';
import { eventually } from './eventually';
import { testServers } from './test-env';

// For disruptive specs only: they stop the machine's own servers, so they must run alone and always
// start again what they stopped (call these in `finally`/afterAll).

function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: 'pipe', timeout: 120_000 });
}

/** Stops the RabbitMQ application (the node stays up, every connection is closed, like a restart). */
export function stopBroker(): void {
  run('rabbitmqctl', ['stop_app']);
}

/** Starts the RabbitMQ application again; harmless when it runs. */
export async function startBroker(): Promise<void> {
  run('rabbitmqctl', ['start_app']);
  await eventually(
    async () => {
      const connection = await amqplib.connect(testServers.amqpUrl);
      await connection.close();
      return true;
    },
    { timeoutMs: 60_000, what: 'RabbitMQ to accept connections' },
  );
}

function postgresCluster(): [string, string] {
  const version = readdirSync('/etc/postgresql').sort().pop();
  if (!version) throw new Error('no PostgreSQL cluster under /etc/postgresql');
  return [version, 'main'];
}

export function stopPostgres(): void {
  run('pg_ctlcluster', ['--skip-systemctl-redirect', ...postgresCluster(), 'stop', '--mode', 'fast']);
}

async function postgresAnswers(): Promise<boolean> {
  const client = new Client({ connectionString: testServers.databaseUrl.replace(/\/[^/]*$/, '/postgres') });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Starts PostgreSQL again if it is down; harmless when it is up. */
export async function startPostgres(): Promise<void> {
  if (await postgresAnswers()) return;
  run('pg_ctlcluster', ['--skip-systemctl-redirect', ...postgresCluster(), 'start']);
  await eventually(postgresAnswers, { timeoutMs: 60_000, what: 'PostgreSQL to accept connections' });
}
