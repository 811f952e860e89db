import { execFile } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(__dirname, 'limit', 'limit.sh');
export const LIMIT_SECONDS = 15;
const LIMIT_CLIENTS = 8;

/** PostgreSQL's own minimal sales per second on this machine now (bench/limit/limit.sh through pgbench). */
export function measureLimit(): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [SCRIPT, String(LIMIT_SECONDS), String(LIMIT_CLIENTS)],
      { timeout: 180_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`bench/limit/limit.sh failed: ${stderr.trim() || error.message}`));
        const last = stdout.trim().split('\n').pop() ?? '';
        resolve(parseLimit(last));
      },
    );
  });
}

/** The script's JSON line; a pgbench that printed no tps is an error, not a limit of 0. */
export function parseLimit(line: string): number {
  let value: unknown;
  try {
    value = (JSON.parse(line) as { limitSalesPerSec?: unknown }).limitSalesPerSec;
  } catch {
    throw new Error(`bench/limit/limit.sh printed no JSON: ${line}`);
  }
  if (typeof value !== 'number' || !(value > 0)) throw new Error(`pgbench measured no sales: ${line}`);
  return value;
}
