import { readFileSync } from 'node:fs';
import { processIds, type Service } from './memory';

/** Linux reports /proc CPU times in USER_HZ ticks, 100 a second on every architecture it runs on here. */
const TICKS_PER_S = 100;

/** The machine's other parts under load, by the command name /proc/<pid>/comm gives them. */
const SHARED: Record<string, string> = {
  postgres: 'postgres',
  'beam.smp': 'rabbitmq',
  'redis-server': 'redis',
};

/** User plus system CPU ticks of one /proc/<pid>/stat line, or undefined for anything else. */
export function cpuTicks(stat: string): number | undefined {
  // The command name in parentheses may hold spaces and parentheses: the fields start after the last ")".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) && fields.length > 12 ? utime + stime : undefined;
}

/** CPU ticks by part (a service, postgres, rabbitmq, redis), each summed over its processes. */
export type CpuSnapshot = Map<string, Map<number, number>>;

/**
 * Milliseconds of CPU each part spent per completed sale between two snapshots, to 0.01 ms, with their
 * `total`. A process found only in the later snapshot counts from 0 (a PostgreSQL backend started in the
 * window); one gone by then is not counted.
 */
export function perSale(before: CpuSnapshot, after: CpuSnapshot, sales: number): Record<string, number> {
  const out: Record<string, number> = {};
  if (sales <= 0) return out;
  let total = 0;
  for (const [part, pids] of after) {
    let ticks = 0;
    for (const [pid, t] of pids) ticks += t - (before.get(part)?.get(pid) ?? 0);
    const ms = (ticks * 1000) / TICKS_PER_S / sales;
    total += ms;
    out[part] = Math.round(ms * 100) / 100;
  }
  out.total = Math.round(total * 100) / 100;
  return out;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // gone meanwhile
  }
}

/** Samples the CPU of the services, this process (`bench`, the load generator) and the broker, database and cache. */
export class CpuMeter {
  constructor(private readonly services: Map<Service, number>) {}

  snapshot(): CpuSnapshot {
    const parts: CpuSnapshot = new Map();
    const add = (part: string, pid: number) => {
      const ticks = cpuTicks(read(`/proc/${pid}/stat`) ?? '');
      if (ticks === undefined) return;
      if (!parts.has(part)) parts.set(part, new Map());
      parts.get(part)!.set(pid, ticks);
    };
    for (const [service, pid] of this.services) add(service, pid);
    add('bench', process.pid);
    for (const pid of processIds()) {
      const part = SHARED[(read(`/proc/${pid}/comm`) ?? '').trim()];
      if (part) add(part, Number(pid));
    }
    return parts;
  }
}
