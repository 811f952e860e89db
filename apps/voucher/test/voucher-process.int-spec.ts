import {
  CreateSale,
  GetBalance,
  GetSale,
  ReverseSale,
  VoucherErrors,
  type SaleView,
} from '@tillpoint/contracts';
import { eventually, type ServiceProcess } from '@tillpoint/testing';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { DATA, pinsOf, terminalOf, VoucherHarness } from './voucher.harness';

const STOCK = path.join(DATA, 'stock', 'ke-safaricom-pin-50-b7001.csv');

/** Every run of 8+ digits in a text: a PIN in clear would be one of them. */
const digitRuns = (text: string) => new Set(text.match(/[0-9]{8,}/g) ?? []);

// Voucher as its own process (the built dist/apps/voucher: `npx nx build ledger voucher`), so that it can be
// killed, and so that its logs are what a deployment would write.
describe('voucher as a process', () => {
  let voucher: VoucherHarness;
  const outputs: ServiceProcess[] = [];
  const kibera = terminalOf('d-kibera-shop', 't-kibera-shop-1', 'c-kibera-1a', 'KES');
  const available = async () =>
    BigInt((await voucher.client.request(GetBalance, { account: 'float:d-kibera-shop' })).available);
  const saleOf = async (clientRef: string) =>
    (
      await voucher.rows<{ id: string; state: string; step: string; failure_code: string }>(
        'SELECT id, state, step, failure_code FROM voucher.sales WHERE client_ref = $1',
        [clientRef],
      )
    )[0];

  beforeAll(async () => {
    voucher = await VoucherHarness.start({
      ledgerPort: 3403,
      voucherPort: 3404,
      env: {
        VOUCHER_SWEEP_AFTER_MS: '5000',
        VOUCHER_SWEEP_INTERVAL_MS: '500',
        // The operator answers (3 s) after the sale stopped waiting for it (1 s): only an enquiry settles it.
        VOUCHER_OPERATOR_TIMEOUT_MS: '1000',
        VOUCHER_SIMULATOR_SLOW_MS: '3000',
      },
    });
    outputs.push(voucher.voucherProcess!, voucher.ledger);
    expect((await voucher.upload({ file: STOCK }, 'KE-SAFARICOM-PIN-50')).status).toBe(201);
    await voucher.openFloat('d-kibera-shop', 'KES', 1_000_000n);
  });
  afterAll(() => voucher?.stop());

  it('ends a sale killed between hold and capture, after restart, failed and voided', async () => {
    const before = await available();
    const request = {
      ...kibera,
      clientRef: 'crash-1',
      sku: 'KE-SAFARICOM-TOPUP',
      account: '+254712885998',
      amount: '5000',
    };
    // The simulator holds an account ending in 998 for 3 s: the process is killed while it waits.
    const answer = voucher.client.request(CreateSale, request, { timeoutMs: 4000 }).catch(() => undefined);
    const held = await eventually(async () =>
      (await saleOf('crash-1'))?.step === 'held' ? saleOf('crash-1') : false,
    );
    expect(await available()).toBe(before - 4800n);
    await voucher.voucherProcess!.stop('SIGKILL');
    expect(await saleOf('crash-1')).toMatchObject({ state: 'PENDING', step: 'held' });
    expect((await answer)?.state ?? 'no answer').not.toBe('COMPLETED');

    outputs.push(await voucher.startProcess(3404));
    const settled = await eventually(
      async () => ((await saleOf('crash-1')).state !== 'PENDING' ? saleOf('crash-1') : false),
      {
        timeoutMs: 40_000,
      },
    );
    expect(settled).toMatchObject({ state: 'FAILED', failure_code: VoucherErrors.ABANDONED });
    const [hold] = await voucher.rows<{ status: string }>('SELECT status FROM ledger.holds WHERE id = $1', [
      `sale:${held.id}`,
    ]);
    expect(hold.status).toBe('voided');
    expect(await available()).toBe(before);
    const view = await voucher.client.request(GetSale, { principal: kibera.principal, clientRef: 'crash-1' });
    expect(view).toMatchObject({ state: 'FAILED', failureCode: VoucherErrors.ABANDONED });
  });

  it('leaves a sale PENDING when the operator is late, then an enquiry settles it: captured, COMPLETED', async () => {
    const before = await available();
    const request = {
      ...kibera,
      clientRef: 'late-1',
      sku: 'KE-SAFARICOM-TOPUP',
      account: '+254712885998',
      amount: '5000',
    };
    const first = await voucher.client.request(CreateSale, request, { timeoutMs: 10_000 });
    expect(first.state).toBe('PENDING');
    const done = await eventually(
      async () => ((await saleOf('late-1')).state !== 'PENDING' ? saleOf('late-1') : false),
      {
        timeoutMs: 30_000,
      },
    );
    expect(done.state).toBe('COMPLETED');
    const [hold] = await voucher.rows<{ status: string }>('SELECT status FROM ledger.holds WHERE id = $1', [
      `sale:${done.id}`,
    ]);
    expect(hold.status).toBe('captured');
    expect(await available()).toBe(before - 4800n);
    const view = await voucher.client.request(GetSale, { principal: kibera.principal, clientRef: 'late-1' });
    expect(view.receipt?.operatorRef).toMatch(/^SIM-/);
  });

  it('keeps every PIN out of the database dump and the logs, and hands it to the terminal', async () => {
    const views: SaleView[] = [];
    for (let i = 0; i < 5; i++) {
      const request = {
        ...kibera,
        clientRef: `pin-${i}`,
        sku: 'KE-SAFARICOM-PIN-50',
        account: '+254712885265',
      };
      views.push(await voucher.client.request(CreateSale, request, { timeoutMs: 20_000 }));
    }
    await voucher.client.request(ReverseSale, { principal: kibera.principal, clientRef: 'pin-0' });
    await expect(
      voucher.client.request(CreateSale, {
        ...kibera,
        clientRef: 'pin-0',
        sku: 'KE-SAFARICOM-PIN-50',
        account: '+254700000000',
      }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^VOUCHER\./) });
    const pins = pinsOf(STOCK);
    expect(pins.length).toBeGreaterThan(1000);
    // The check can fail: the terminal's answers do carry PINs of this file.
    const answered = digitRuns(JSON.stringify(views));
    expect(pins.filter((pin) => answered.has(pin))).toHaveLength(5);

    const { stdout: dump } = await promisify(execFile)('pg_dump', ['--data-only', voucher.env.DATABASE_URL], {
      maxBuffer: 512 * 2 ** 20,
    });
    expect(dump).toContain('voucher.pins');
    const logs = outputs.flatMap((p) => p.output).join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const [where, text] of [
      ['dump', dump],
      ['logs', logs],
    ]) {
      const runs = digitRuns(text);
      const long = [...runs].filter((run) => run.length > 15);
      const leaked = pins.filter((pin) => runs.has(pin) || long.some((run) => run.includes(pin)));
      expect([where, leaked]).toEqual([where, []]);
    }
  });
});
