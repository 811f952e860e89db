import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayHttp } from '../http';
import { AdminClient } from './admin';
import { readDataSet, readTraffic } from './data';
import { replayDay } from './day';
import { readReport, type ReplayReport } from './report';
import { setUpPlatform } from './setup';

export interface ReplayOptions {
  gateway: string;
  adminUsername: string;
  adminPassword: string;
  dataDir: string;
  trafficFile: string;
  /** Replay only the first N lines (the end-to-end suite's slice). */
  lines?: number;
  homes?: string;
  log?: (line: string) => void;
}

/** Sets the data set up on a fresh platform, replays the day and reads the report back. */
export async function replay(options: ReplayOptions): Promise<ReplayReport & { unanswered: number }> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const admin = await new AdminClient(new GatewayHttp(options.gateway)).login(
    options.adminUsername,
    options.adminPassword,
  );
  const data = readDataSet(options.dataDir);
  const homes = options.homes ?? mkdtempSync(join(tmpdir(), 'tillpoint-replay-'));
  log(`terminals keep their journals under ${homes}`);
  const terminals = await setUpPlatform({ gateway: options.gateway, admin, ...data, homes, log });
  const traffic = readTraffic(options.trafficFile).slice(0, options.lines);
  const started = Date.now();
  const tally = await replayDay(traffic, terminals, data.dealers, log);
  log(`replayed ${tally.lines} lines in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const terminal of terminals.values()) await terminal.flushAdvices();
  if (tally.unanswered > 0) log(`WARNING: ${tally.unanswered} lines got no answer or a 5xx`);
  return { ...(await readReport(admin, data.dealers, tally.refused)), unanswered: tally.unanswered };
}
