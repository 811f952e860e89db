import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayHttp } from '../http';
import { TerminalHome } from '../home';
import { PosTerminal } from '../terminal';
import { AdminClient } from './admin';
import type { CatalogData, DealerData, StockFile } from './data';

export interface SetupInput {
  gateway: string;
  admin: AdminClient;
  catalog: CatalogData;
  dealers: DealerData[];
  stock: StockFile[];
  /** Where the terminals keep their files (one directory each). */
  homes: string;
  log: (line: string) => void;
}

export class PlatformNotEmptyError extends Error {}

/** Everything in ../shared/data, set up through the HTTP API as the admin and the operators would. */
export async function setUpPlatform(input: SetupInput): Promise<Map<string, PosTerminal>> {
  const { admin, log } = input;
  const existing = await admin.get<unknown[]>('/admin/dealers');
  if (existing.length > 0) {
    throw new PlatformNotEmptyError(
      `the platform already has ${existing.length} dealer(s): the replay needs a fresh one (a new database name in DATABASE_URL, see the README)`,
    );
  }
  await admin.put('/admin/catalog', input.catalog);
  log(`catalog: ${input.catalog.products.length} products`);
  const operators = await createOperators(input);
  await createDealers(input);
  await topUpFloats(input);
  await importStock(input, operators);
  return registerTerminals(input);
}

async function createOperators(input: SetupInput): Promise<Map<string, AdminClient>> {
  const orgs = [
    ...input.catalog.operators.map((o) => ({ id: o.id, name: o.brand })),
    ...input.catalog.billers.map((b) => ({ id: b.id, name: b.name })),
  ];
  const users = new Map<string, AdminClient>();
  for (const org of orgs) {
    await input.admin.post('/admin/operators', org);
    // Each operator imports its own stock, as its back office would; the password lives in this run only.
    const username = `op-${org.id}`;
    const password = randomBytes(24).toString('base64url');
    await input.admin.post('/admin/users', { username, password, role: 'operator', operatorId: org.id });
    users.set(org.id, await new AdminClient(new GatewayHttp(input.gateway)).login(username, password));
  }
  input.log(`operators: ${orgs.length}, each with a back-office user`);
  return users;
}

async function createDealers(input: SetupInput): Promise<void> {
  for (const d of input.dealers) {
    await input.admin.post('/admin/dealers', {
      id: d.id,
      parentId: d.parent ?? undefined,
      name: d.name,
      currency: d.currency,
      timeZone: d.timeZone,
      email: d.email,
    });
    for (const cashier of d.terminals.flatMap((t) => t.cashiers)) {
      await input.admin.post(`/admin/dealers/${d.id}/cashiers`, { id: cashier.id, pin: cashier.pin });
    }
  }
  input.log(`dealers: ${input.dealers.length}, with their cashiers`);
}

/** The opening floats as top-ups, each under an id of its own so that a retry cannot credit twice. */
async function topUpFloats(input: SetupInput): Promise<void> {
  for (const d of input.dealers.filter((x) => x.initialFloat > 0)) {
    await input.admin.post(`/admin/floats/${d.id}/topups`, {
      transferId: `opening-float:${d.id}`,
      amount: String(d.initialFloat),
      reason: 'opening float (../shared/data/dealers.json)',
    });
  }
}

async function importStock(input: SetupInput, operators: Map<string, AdminClient>): Promise<void> {
  for (const batch of input.stock) {
    const uploader = operators.get(batch.operatorId) ?? input.admin;
    const query = batch.sku ? `?sku=${encodeURIComponent(batch.sku)}` : '';
    await uploader.send('POST', `/admin/stock/batches${query}`, {
      rawBody: readFileSync(batch.file),
      headers: { 'content-type': batch.contentType },
    });
  }
  input.log(`stock: ${input.stock.length} batches imported`);
}

/** Registers each terminal and activates it with the pos client's own code, in a directory of its own. */
async function registerTerminals(input: SetupInput): Promise<Map<string, PosTerminal>> {
  const terminals = new Map<string, PosTerminal>();
  for (const d of input.dealers) {
    for (const t of d.terminals) {
      const registered = await input.admin.post<{ activationCode: string }>(
        `/admin/dealers/${d.id}/terminals`,
        {
          id: t.id,
          serial: t.serial,
        },
      );
      const terminal = new PosTerminal({
        home: new TerminalHome(join(input.homes, t.id)),
        gateway: input.gateway,
      });
      await terminal.activate(t.serial, registered.activationCode);
      terminals.set(t.id, terminal);
    }
  }
  input.log(`terminals: ${terminals.size} registered and activated`);
  return terminals;
}
