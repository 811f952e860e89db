import 'reflect-metadata';
import { gatewayUrl, platformEnv, ProblemError } from '@tillpoint/pos';
import { CpuMeter, perSale, type CpuSnapshot } from './cpu';
import { measureLimit } from './limit';
import { runLoad } from './load/load';
import { PeakRss, servicePorts } from './memory';
import { OptionError, parseOptions, USAGE, type BenchOptions } from './options';
import { humanLines, report } from './report';
import { newRunId, RunNames } from './setup/names';
import { setUpBench } from './setup/setup';
import { backlog, invariants, settle } from './settle';

// npm run bench -- [options]: sets up its own dealers, terminals and stock on a running platform, measures
// PostgreSQL's limit, drives signed sales, checks the invariants. Readable lines first; the JSON report last.
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function bench(options: BenchOptions, env: Record<string, string | undefined>): Promise<void> {
  const names = new RunNames(newRunId());
  // The databases are read only after the load: a wrong DATABASE_URL would fail after all of it.
  await backlog(env, names.prefix).catch((error: unknown) => {
    throw new Error(
      `cannot read the platform's databases (give the bench the settings npm start has, DATABASE_URL first): ${describe(error)}`,
    );
  });
  const admin = { username: env.ADMIN_USERNAME ?? 'admin', password: env.ADMIN_PASSWORD ?? '' };
  const platform = await setUpBench(options, admin, names);
  const pids = PeakRss.find(servicePorts(env, options.gateway));
  log(
    `load: ${options.warmupS} s warm-up + ${options.durationS} s; sampling RSS of ${[...pids].map(([s, p]) => `${s} ${p}`).join(', ')}`,
  );
  const rss = new PeakRss(pids);
  // CPU is read when the warm-up ends and when the load does: the measured window, as the sales counted.
  const cpu = new CpuMeter(pids);
  let measuredFrom: CpuSnapshot = cpu.snapshot();
  const warm = setTimeout(() => (measuredFrom = cpu.snapshot()), options.warmupS * 1000);
  const tally = await runLoad({ ...options, names, terminals: platform.terminals, parts: platform.parts });
  clearTimeout(warm);
  const cpuMsPerSale = perSale(measuredFrom, cpu.snapshot(), tally.completed);
  const rssMb = rss.stop();
  const left = await settle(env, names.prefix);
  log(`settled in ${(left.waitedMs / 1000).toFixed(1)} s`);
  // The floor, right after the load on the settled platform: before it, pgbench's 600,000 rows and their
  // checkpoint slowed the first half of the load by a third.
  const limit = options.limit ? await measureLimit().catch(skipped('limit')) : null;
  if (limit) log(`limit: ${limit.toFixed(0)} minimal sales/s from pgbench`);
  let invariantsPassed: boolean | null = null;
  if (options.invariants) {
    const checked = await invariants(env).catch(skipped('invariant check'));
    if (checked) process.stdout.write(`${checked.lines}\n`);
    invariantsPassed = checked?.passed ?? null;
  }
  const r = report(options, {
    run: names.run,
    platform,
    tally,
    limitSalesPerSec: limit,
    rssMb,
    cpuMsPerSale,
    invariantsPassed,
    left,
  });
  process.stdout.write(`${humanLines(r, tally.timeline).join('\n')}\n${JSON.stringify(r)}\n`);
}

/** A step that could not run is reported as skipped (null), not as a failed run. */
function skipped(step: string) {
  return (error: unknown): null => {
    log(`${step} could not run: ${describe(error)}`);
    return null;
  };
}

function describe(error: unknown): string {
  if (error instanceof ProblemError)
    return `${error.status} ${error.slug}${error.problem.detail ? `: ${error.problem.detail}` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<number> {
  const env = platformEnv();
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2), gatewayUrl(env));
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    process.stderr.write(`bench: ${error.message}\nusage: ${USAGE}\n`);
    return 2;
  }
  try {
    await bench(options, env);
    return 0;
  } catch (error) {
    process.stderr.write(`bench could not run: ${describe(error)}\n`);
    return 1;
  }
}

void main().then((code) => process.exit(code));
