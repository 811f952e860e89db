import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The settings `npm start` runs the platform with: the environment, over `.env`, or else `.env.example`
 * (tools/platform/start.js), read from the repository root (where npm runs scripts).
 */
export function platformEnv(root = process.cwd()): Record<string, string | undefined> {
  const file = ['.env', '.env.example'].map((f) => join(root, f)).find((f) => existsSync(f));
  return { ...(file ? readEnvFile(file) : {}), ...process.env };
}

/** KEY=VALUE lines, comments and blanks skipped, no interpolation (as tools/platform/env-file.js). */
export function readEnvFile(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const line = raw.trim();
    const eq = line.indexOf('=');
    if (!line || line.startsWith('#') || eq <= 0) continue;
    let value = line.slice(eq + 1).trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    values[line.slice(0, eq).trim()] = value;
  }
  return values;
}

export function gatewayUrl(env: Record<string, string | undefined>): string {
  return `http://127.0.0.1:${env.GATEWAY_PORT || '3000'}`;
}
