import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The secrets no log line of a test run may hold: every cashier and voucher PIN of the shared data, the
// development keys and admin password, and what specs registered while they ran (libs/testing rememberSecrets).

const root = join(__dirname, '../../..');
const data = join(root, '../shared/data');

/** Cashier PINs of `dealers.json`. */
export function cashierPins(file = join(data, 'dealers.json')): string[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
    dealers: Array<{ terminals: Array<{ cashiers: Array<{ pin: string }> }> }>;
  };
  return parsed.dealers.flatMap((d) => d.terminals.flatMap((t) => t.cashiers.map((c) => c.pin)));
}

/** Voucher PINs of every batch in `stock/`: CSV (`serial,pin,expiry`, maybe quoted, BOM, CRLF) and `D|` rows. */
export function voucherPins(dir = join(data, 'stock')): string[] {
  const pins: string[] = [];
  for (const name of readdirSync(dir)) {
    const lines = readFileSync(join(dir, name), 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/);
    for (const line of lines) {
      const fields = line.split(name.endsWith('.txt') ? '|' : ',').map((f) => f.trim().replace(/^"|"$/g, ''));
      if (name.endsWith('.txt') ? fields[0] === 'D' : fields[0] !== 'serial') {
        const pin = name.endsWith('.txt') ? fields[2] : fields[1];
        if (pin && /^[0-9]+$/.test(pin)) pins.push(pin);
      }
    }
  }
  return pins;
}

/** The admin password and key material of `.env.example` (development values that must not leak either). */
export function developmentSecrets(file = join(root, '.env.example')): string[] {
  const secrets: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [name, value] = [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).trim()];
    if (name === 'ADMIN_PASSWORD') secrets.push(value);
    if (/_KEYS?$/.test(name))
      secrets.push(...value.split(',').map((entry) => entry.slice(entry.indexOf(':') + 1)));
  }
  return secrets.filter((s) => s.length >= 6);
}

/** What the specs of this run registered. */
export function registeredSecrets(captureDir: string): string[] {
  const file = join(captureDir, 'secrets.txt');
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((s) => s.length >= 6)
    : [];
}

export interface Leak {
  file: string;
  line: number;
  /** Never the secret itself: its kind and first two characters. */
  what: string;
}

/**
 * Finds every secret in the captured lines. A digit-only secret (a PIN) counts only as a whole run of
 * digits, not inside a longer number or an id; any other secret counts wherever it appears.
 */
export function findLeaks(captureDir: string, secrets: string[]): { leaks: Leak[]; lines: number } {
  const numeric = new Set(secrets.filter((s) => /^[0-9]+$/.test(s)));
  const textual = [...new Set(secrets.filter((s) => !/^[0-9]+$/.test(s)))];
  const leaks: Leak[] = [];
  let count = 0;
  for (const file of readdirSync(captureDir).filter((f) => f.endsWith('.jsonl'))) {
    const lines = readFileSync(join(captureDir, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (!line) return;
      count += 1;
      for (const run of line.match(/(?<![A-Za-z0-9])[0-9]+(?![A-Za-z0-9])/g) ?? []) {
        if (numeric.has(run)) leaks.push({ file, line: index + 1, what: `a PIN ${run.slice(0, 2)}...` });
      }
      for (const secret of textual) {
        if (line.includes(secret))
          leaks.push({ file, line: index + 1, what: `a secret ${secret.slice(0, 2)}...` });
      }
    });
  }
  return { leaks, lines: count };
}
