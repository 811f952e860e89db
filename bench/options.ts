import { parseMix, type MixEntry } from './mix';
import { OptionError } from './option-error';

export { OptionError };

export const BENCH_CASES = ['default', 'hot-dealer', 'hot-product'] as const;
export type BenchCase = (typeof BENCH_CASES)[number];

export interface BenchOptions {
  gateway: string;
  case: BenchCase;
  durationS: number;
  warmupS: number;
  dealers: number;
  /** Per dealer. */
  terminals: number;
  /** Connections, each one terminal (connection i is terminal i mod count). */
  concurrency: number;
  mix: MixEntry[];
  /** Overall target requests per second; absent: as fast as the platform answers. */
  rate?: number;
  /** PINs uploaded per PIN product, instead of the estimate. */
  pins?: number;
  limit: boolean;
  invariants: boolean;
}

export const USAGE =
  'npm run bench -- [--gateway URL] [--case default|hot-dealer|hot-product] [--duration S] [--warmup S] ' +
  '[--dealers N] [--terminals N] [--concurrency N] [--mix pin:8,topup:2] [--rate N] [--pins N] [--no-limit] ' +
  '[--no-invariants]';

const VALUE_OPTIONS = [
  'gateway',
  'case',
  'duration',
  'warmup',
  'dealers',
  'terminals',
  'concurrency',
  'mix',
  'rate',
  'pins',
] as const;
const SWITCHES = ['no-limit', 'no-invariants'] as const;

/** The command line as given, `--name value` or `--name=value`; anything else is an OptionError. */
export function readFlags(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new OptionError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if ((SWITCHES as readonly string[]).includes(name)) {
      if (eq > 0) throw new OptionError(`--${name} takes no value`);
      flags.set(name, 'true');
    } else if ((VALUE_OPTIONS as readonly string[]).includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new OptionError(`--${name} needs a value`);
      flags.set(name, value);
    } else {
      throw new OptionError(`unknown option --${name}`);
    }
  }
  return flags;
}

export function parseOptions(argv: string[], defaultGateway: string): BenchOptions {
  const flags = readFlags(argv);
  const int = (name: string, fallback: number, min: number) => integer(flags, name, min) ?? fallback;
  const benchCase = (flags.get('case') ?? 'default') as BenchCase;
  if (!BENCH_CASES.includes(benchCase))
    throw new OptionError(`--case must be one of ${BENCH_CASES.join(', ')}, not "${benchCase}"`);
  const gateway = flags.get('gateway') ?? defaultGateway;
  if (!/^https?:\/\/[^/]+\/?$/.test(gateway))
    throw new OptionError(`--gateway must be a base URL like http://127.0.0.1:3000, not "${gateway}"`);
  const dealers = int('dealers', 10, 1);
  const terminals = int('terminals', 10, 1);
  return {
    gateway: gateway.replace(/\/$/, ''),
    case: benchCase,
    durationS: int('duration', 60, 1),
    warmupS: int('warmup', 5, 0),
    // The hot dealer sells from one float through as many terminals as the default spreads over ten.
    dealers: benchCase === 'hot-dealer' ? 1 : dealers,
    terminals: benchCase === 'hot-dealer' ? dealers * terminals : terminals,
    concurrency: int('concurrency', 100, 1),
    mix: parseMix(flags.get('mix') ?? 'pin:8,topup:2'),
    rate: integer(flags, 'rate', 1),
    pins: integer(flags, 'pins', 1),
    limit: !flags.has('no-limit'),
    invariants: !flags.has('no-invariants'),
  };
}

function integer(flags: Map<string, string>, name: string, min: number): number | undefined {
  const raw = flags.get(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min)
    throw new OptionError(`--${name} must be a whole number of at least ${min}, not "${raw}"`);
  return value;
}
