import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The file under the log capture dir where specs list the secrets they made (one a line). */
export const SECRETS_FILE = 'secrets.txt';

/**
 * Records secrets a spec made or saw (device secrets, session tokens, activation codes, passwords), so
 * that the last check of the test run can prove none of them reached a log line. A no-op when logs are
 * not being captured.
 */
export function rememberSecrets(...secrets: Array<string | undefined>): void {
  const dir = process.env.LOG_CAPTURE_DIR;
  if (!dir) return;
  const lines = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  if (lines.length === 0) return;
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, SECRETS_FILE), lines.map((s) => `${s.replace(/\n/g, ' ')}\n`).join(''));
}
