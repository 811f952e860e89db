import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DeviceCredentials } from './http';

/**
 * A terminal's own directory: who it is (`device.json`, mode 0600: it holds the device secret), its
 * cashiers' sessions (`sessions.json`, 0600: tokens), and its journal (`journal.jsonl`, append-only).
 * One directory is one terminal, as one box on a counter; by default `./.pos` in the working directory.
 */
export class TerminalHome {
  readonly dir: string;

  constructor(dir = process.env.POS_HOME ?? '.pos') {
    this.dir = resolve(dir);
  }

  private path(name: string): string {
    return join(this.dir, name);
  }

  device(): (DeviceCredentials & { gateway: string }) | undefined {
    return this.readJson(DEVICE_FILE);
  }

  saveDevice(device: DeviceCredentials & { gateway: string }): void {
    this.writeSecret(DEVICE_FILE, device);
  }

  sessions(): StoredSessions {
    return this.readJson<StoredSessions>(SESSIONS_FILE) ?? { byCashier: {} };
  }

  saveSessions(sessions: StoredSessions): void {
    this.writeSecret(SESSIONS_FILE, sessions);
  }

  /** Appends one line; a line is written whole or (after a crash mid-write) skipped when read. */
  append(record: object): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    appendFileSync(this.path(JOURNAL_FILE), JSON.stringify(record) + '\n', { mode: 0o600 });
  }

  journal(): unknown[] {
    const file = this.path(JOURNAL_FILE);
    if (!existsSync(file)) return [];
    const lines: unknown[] = [];
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        lines.push(JSON.parse(line));
      } catch {
        // A torn last line from a crash: the advice it held was not acknowledged, so nothing is lost.
      }
    }
    return lines;
  }

  private readJson<T>(name: string): T | undefined {
    const file = this.path(name);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
  }

  private writeSecret(name: string, value: unknown): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = this.path(name);
    writeFileSync(file, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 });
    // writeFileSync keeps the mode of a file that exists already: make sure.
    chmodSync(file, 0o600);
  }
}

export interface StoredSession {
  token: string;
  expiresAt: string;
}

export interface StoredSessions {
  /** The cashier commands act as when none is named: the last one logged in. */
  current?: string;
  byCashier: Record<string, StoredSession>;
}

const DEVICE_FILE = 'device.json';
const SESSIONS_FILE = 'sessions.json';
const JOURNAL_FILE = 'journal.jsonl';
