import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminClient, GatewayHttp } from '@tillpoint/pos';
import { hotProduct, resolveMix, type MixPart } from '../mix';
import type { BenchOptions } from '../options';
import { floatPerDealer, stockPlan } from '../sizing';
import type { RunNames } from './names';
import { BENCH_CURRENCY, createDealers, ensureOperators, type CatalogView } from './organisations';
import { uploadStock } from './stock';
import { createTerminals, type BenchTerminal } from './terminals';

export interface Admin {
  username: string;
  password: string;
}

export interface BenchPlatform {
  parts: MixPart[];
  terminals: BenchTerminal[];
  pins: Map<string, number>;
}

/** Stock uploads of 50,000 rows take a while; everything else answers fast. */
const UPLOAD_TIMEOUT_MS = 300_000;

/** Everything the run sells with, created through the HTTP API as the admin; progress and timings on stderr. */
export async function setUpBench(
  options: BenchOptions,
  admin: Admin,
  names: RunNames,
): Promise<BenchPlatform> {
  const started = Date.now();
  const log = (line: string) =>
    process.stderr.write(`[bench] ${line} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  const client = await new AdminClient(new GatewayHttp(options.gateway, UPLOAD_TIMEOUT_MS)).login(
    admin.username,
    admin.password,
  );
  const catalog = await client.get<CatalogView>('/admin/catalog');
  const mixed = resolveMix(options.mix, catalog.catalog.products, BENCH_CURRENCY);
  const parts = options.case === 'hot-product' ? hotProduct(mixed) : mixed;
  log(
    `run ${names.run}, case ${options.case}: ${parts.map((p) => `${p.sku} ${(p.share * 100).toFixed(1)}%`).join(', ')}`,
  );
  const created = await ensureOperators(client, catalog, parts);
  log(`operators: ${created} created`);
  const run = { warmupS: options.warmupS, durationS: options.durationS };
  const float = floatPerDealer(parts, run, options.dealers);
  await createDealers(client, names, options.dealers, float);
  log(`dealers: ${options.dealers}, each with a float of ${float} minor units`);
  const homes = mkdtempSync(join(tmpdir(), `tillpoint-bench-${names.run}-`));
  const terminals = await createTerminals(client, options.gateway, names, {
    dealers: options.dealers,
    perDealer: options.terminals,
    homes,
  }).finally(() => rmSync(homes, { recursive: true, force: true })); // device secrets: the run keeps them in memory
  log(`terminals: ${terminals.length} registered, activated, a cashier logged in on each`);
  const pins = stockPlan(parts, run, options.pins);
  for (const [sku, count] of pins) {
    const rows = await uploadStock(client, names, sku, count);
    log(`stock: ${rows} PINs of ${sku}`);
  }
  return { parts, terminals, pins };
}
