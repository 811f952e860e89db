import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export const SERVICES = { gateway: 3000, auth: 3001, ledger: 3002, voucher: 3003, notifications: 3004 };
export type Service = keyof typeof SERVICES;

/** The port each service listens on, as `npm start` gives them (`<SERVICE>_PORT`), the gateway's from its URL. */
export function servicePorts(env: Record<string, string | undefined>, gateway: string): Map<Service, number> {
  const ports = new Map<Service, number>();
  for (const [name, port] of Object.entries(SERVICES) as Array<[Service, number]>)
    ports.set(name, Number(env[`${name.toUpperCase()}_PORT`] || port));
  ports.set('gateway', Number(new URL(gateway).port || 80));
  return ports;
}

/** The socket inodes listening on `port` (IPv4 and IPv6), from /proc/net/tcp*. */
export function listeningInodes(port: number, tables = ['/proc/net/tcp', '/proc/net/tcp6']): Set<string> {
  const inodes = new Set<string>();
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const table of tables) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && f[1].endsWith(hex) && f[3] === '0A') inodes.add(f[9]);
    }
  }
  return inodes;
}

/** The ids of the processes running now (none where there is no /proc). */
export function processIds(): string[] {
  try {
    return readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return [];
  }
}

/** The process holding one of these sockets: the service behind the port. */
export function pidOfSocket(inodes: Set<string>): number | undefined {
  for (const pid of processIds()) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1])) return Number(pid);
      } catch {
        // gone meanwhile
      }
    }
  }
  return undefined;
}

/** VmRSS of /proc/<pid>/status in MB, or undefined when the process is gone. */
export function rssMb(status: string): number | undefined {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) / 1024 : undefined;
}

/** Samples each service's resident memory every 250 ms until stopped; keeps the peak. */
export class PeakRss {
  private readonly peaks = new Map<Service, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pids: Map<Service, number>) {
    this.sample();
    this.timer = setInterval(() => this.sample(), 250);
  }

  static find(ports: Map<Service, number>): Map<Service, number> {
    const pids = new Map<Service, number>();
    for (const [service, port] of ports) {
      const pid = pidOfSocket(listeningInodes(port));
      if (pid !== undefined) pids.set(service, pid);
    }
    return pids;
  }

  private sample(): void {
    for (const [service, pid] of this.pids) {
      let mb: number | undefined;
      try {
        mb = rssMb(readFileSync(`/proc/${pid}/status`, 'utf8'));
      } catch {
        mb = undefined;
      }
      if (mb !== undefined) this.peaks.set(service, Math.max(mb, this.peaks.get(service) ?? 0));
    }
  }

  /** Peak MB per service found, to 0.1 MB. */
  stop(): Record<string, number> {
    clearInterval(this.timer);
    this.sample();
    return Object.fromEntries([...this.peaks].map(([s, mb]) => [s, Math.round(mb * 10) / 10]));
  }
}
