import { SERVICE_NAMES } from '@tillpoint/contracts';
import {
  checkInvariants,
  formatOutcomes,
  PosTerminal,
  readDataSet,
  readTraffic,
  replay,
  TerminalHome,
} from '@tillpoint/pos';
import { BrokerTap, dropDatabase, ServiceProcess } from '@tillpoint/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startPlatform, type Platform } from './platform';

const PORT = 3700;
const GATEWAY = `http://127.0.0.1:${PORT}`;
const DATA = resolve(__dirname, '../../shared/data');
const SLICE = 300;

describe('a slice of day 1 through the pos client, then the invariants', () => {
  let platform: Platform;
  const homes = mkdtempSync(join(tmpdir(), 'pos-e2e-'));

  beforeAll(async () => {
    platform = await startPlatform(PORT, { GATEWAY_VOUCHER_URL: `http://127.0.0.1:${PORT + 3}` });
  });

  afterAll(async () => {
    await Promise.all(Object.values(platform?.services ?? {}).map((s) => s.stop('SIGKILL')));
    const tap = await BrokerTap.open();
    await tap.deleteNamespace(platform.env.AMQP_NAMESPACE, [...SERVICE_NAMES]);
    await tap.close();
    await dropDatabase(platform.env.DATABASE_URL);
  });

  it(`replays the first ${SLICE} lines and reads a consistent report back`, async () => {
    const log: string[] = [];
    const report = await replay({
      gateway: GATEWAY,
      adminUsername: platform.env.ADMIN_USERNAME,
      adminPassword: platform.env.ADMIN_PASSWORD,
      dataDir: DATA,
      trafficFile: join(DATA, 'traffic', 'day-1.jsonl'),
      lines: SLICE,
      homes,
      log: (line) => log.push(line),
    });
    expect(report.unanswered).toBe(0);
    const dealers = readDataSet(DATA).dealers.map((d) => d.id);
    expect(Object.keys(report.finalBalance).sort()).toEqual([...dealers].sort());
    const recorded = Object.values(report.salesByState).reduce((a, b) => a + b, 0);
    const refused = Object.values(report.refused).reduce((a, b) => a + b, 0);
    const sold = Object.values(report.soldBySku).reduce((a, b) => a + b, 0);
    expect(sold).toBe((report.salesByState.COMPLETED ?? 0) + (report.salesByState.CONFIRMED ?? 0));
    // Every sale line is recorded once (repeats answer the same sale), or refused before it is recorded.
    const saleLines = readTraffic(join(DATA, 'traffic', 'day-1.jsonl'))
      .slice(0, SLICE)
      .filter((l) => l.type === 'sale');
    expect(recorded).toBeGreaterThan(saleLines.length / 2);
    expect(recorded).toBeLessThanOrEqual(saleLines.length);
    expect(refused).toBeGreaterThan(0);
    expect(report.salesByState.PENDING).toBeUndefined();
    expect(log.at(-1)).toMatch(new RegExp(`replayed ${SLICE} lines`));
  });

  it('then passes every invariant of DESIGN section 5', async () => {
    const outcomes = await checkInvariants(platform.env, { graceMs: 0 });
    expect(formatOutcomes(outcomes)).toMatch(/\n8 passed, 0 failed$/);
  });

  it('sends an advice it could not deliver (gateway stopped) after the client restarts', async () => {
    const cashier = readDataSet(DATA).dealers.find((d) => d.id === 'd-kibera-shop')!.terminals[0].cashiers[0];
    const home = new TerminalHome(join(homes, 't-kibera-shop-1'));
    const before = new PosTerminal({ home, gateway: GATEWAY, requestTimeoutMs: 3000 });
    await before.login(cashier.id, cashier.pin);
    const { sale } = await before.sell({
      clientRef: 'e2e-journal-1',
      sku: 'KE-SAFARICOM-PIN-50',
      account: '+254712345678',
    });
    expect(sale.state).toBe('COMPLETED');

    await platform.services.gateway.stop('SIGTERM');
    await expect(before.advise('confirm', 'e2e-journal-1')).rejects.toMatchObject({ code: 'advice-queued' });
    expect(before.journal.pending()).toEqual([
      expect.objectContaining({ advice: 'confirm', clientRef: 'e2e-journal-1' }),
    ]);

    platform.services.gateway = ServiceProcess.start('gateway', { env: platform.env, port: PORT });
    await platform.services.gateway.waitReady(60_000);
    // A new process on the same directory: what it knows comes from the journal only.
    const after = new PosTerminal({ home, gateway: GATEWAY });
    const reports = await after.flushAdvices();
    expect(reports.map((r) => [r.advice.clientRef, r.result, r.sale?.state])).toEqual([
      ['e2e-journal-1', 'acknowledged', 'CONFIRMED'],
    ]);
    expect(after.journal.pending()).toEqual([]);
    expect((await after.status('e2e-journal-1')).state).toBe('CONFIRMED');
  });
});
