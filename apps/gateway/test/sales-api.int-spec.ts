import { signRequest, SigningHeaders, type SaleView } from '@tillpoint/contracts';
import { eventually, rememberSecrets } from '@tillpoint/testing';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { todayIn } from '../src/pos/till.controller';
import { DATA, FullPlatform, SEED, seedKibera, uploadStock, type Seeded } from './full-platform.harness';
import { expectProblem, type PlatformHarness, type PosDevice } from './platform.harness';

const { pinSku: PIN_SKU, phone: PHONE } = SEED;

describe('selling through the gateway, against auth, ledger, voucher and notifications', () => {
  let platform: FullPlatform;
  let http: PlatformHarness;
  let admin: string;
  let till: PosDevice;
  let cashier: string;
  let sell: Seeded['sell'];
  let firstSale: SaleView;

  const floatOf = async () =>
    (await http.call<{ available: string }>('GET', '/admin/floats/d-kibera-shop', { token: admin })).body
      .available;

  beforeAll(async () => {
    platform = await FullPlatform.start();
    http = platform.http;
    ({ admin, till, cashier, sell } = await seedKibera(http));
  }, 60_000);

  afterAll(() => platform?.stop());

  it('tops up the float (opening it first), idempotently on the transfer id', async () => {
    const body = { transferId: 'open-kibera', amount: '1000000', reason: 'opening float' };
    const first = await http.call('POST', '/admin/floats/d-kibera-shop/topups', { token: admin, body });
    expect(first.status).toBe(201);
    const again = await http.call('POST', '/admin/floats/d-kibera-shop/topups', { token: admin, body });
    expect([again.status, again.body.transferId]).toEqual([201, 'open-kibera']);
    expect(await floatOf()).toBe('1000000');
    const dealerAdmin = await http.login('lagos-admin', SEED.password);
    expectProblem(
      await http.call('POST', '/admin/floats/d-kibera-shop/topups', { token: dealerAdmin, body }),
      403,
      'forbidden',
    );
  });

  it("lists the products in the dealer's currency and loads a stock file streamed through", async () => {
    const products = await till.signed<{
      catalogVersion: number;
      products: Array<{ sku: string; currency: string }>;
    }>('GET', '/pos/products', { token: cashier });
    expect(products.status).toBe(200);
    expect(products.body.products.map((p) => p.sku)).toContain(PIN_SKU);
    expect(new Set(products.body.products.map((p) => p.currency))).toEqual(new Set(['KES']));
    const loaded = await uploadStock(
      http,
      admin,
      path.join(DATA, 'stock/ke-safaricom-pin-50-b7001.csv'),
      PIN_SKU,
    );
    expect([loaded.status, loaded.body.sku, loaded.body.rows]).toEqual([201, PIN_SKU, 3000]);
  });

  it('streams a batch far over the 1 MB body limit through (25,000 rows, 1.2 MB, generated as it is sent)', async () => {
    const rows = 25_000; // 48 bytes a row: 1.2 MB
    function* lines() {
      yield 'serial,pin,expiry\n';
      for (let i = 0; i < rows; i += 1) {
        yield `KEAIRTELGEN${String(i).padStart(8, '0')},99${String(i).padStart(14, '0')},2027-11-30\n`;
      }
    }
    const started = Date.now();
    const response = await uploadStock(http, admin, Readable.from(lines()), 'KE-AIRTEL-PIN-100');
    const elapsedMs = Date.now() - started;
    expect([response.status, response.body.rows]).toEqual([201, rows]);
    expect(elapsedMs).toBeLessThan(60_000);
  }, 90_000);

  it('refuses a bad stock file whole with its rows named (422)', async () => {
    const file = path.join(DATA, 'stock-bad/non-digit-pin.csv');
    const refused = await uploadStock(http, admin, file, 'NG-MTN-PIN-100');
    expectProblem(refused, 422, 'stock-batch-refused');
    expect(refused.body.errorCount).toBeGreaterThan(0);
    expect((refused.body.errors as unknown[])[0]).toMatchObject({
      row: expect.any(Number),
      reason: 'STOCK.BAD_PIN',
    });
    // The rows are named by line and serial, never by PIN.
    const pins = readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[1])
      .filter(Boolean);
    const said = JSON.stringify(refused.body);
    expect(pins.filter((pin) => said.includes(pin))).toEqual([]);
  });

  it('sells: 201 with the receipt (PIN in clear) and the balance before and after', async () => {
    const sold = await sell({ clientRef: 's-1', sku: PIN_SKU, account: PHONE });
    expect([sold.status, sold.body.state]).toEqual([201, 'COMPLETED']);
    rememberSecrets(String(sold.body.receipt?.pin));
    expect(sold.body.receipt?.pin).toMatch(/^[0-9]{4,32}$/);
    const { balanceBefore, balanceAfter, receipt } = sold.body;
    expect(balanceBefore).toBe('1000000');
    expect(BigInt(balanceBefore!) - BigInt(balanceAfter!)).toBe(BigInt(receipt!.cost));
    expect(await floatOf()).toBe(balanceAfter);
    firstSale = sold.body;
  });

  it('answers a repeat the same, another body under the same reference 409', async () => {
    const again = await sell({ clientRef: 's-1', sku: PIN_SKU, account: PHONE });
    expect([again.status, again.body]).toEqual([201, firstSale]);
    const viaHeader = await sell({ sku: PIN_SKU, account: PHONE }, { 'idempotency-key': 's-1' });
    expect([viaHeader.status, viaHeader.body.saleId]).toEqual([201, firstSale.saleId]);
    expectProblem(
      await sell({ clientRef: 's-1', sku: PIN_SKU, account: '+254722000111' }),
      409,
      'client-ref-conflict',
    );
  });

  it('gives the status, a slip32 copy, then confirms; a confirmed sale cannot be reversed', async () => {
    const status = await till.signed<SaleView>('GET', '/pos/sales/s-1', { token: cashier });
    expect([status.status, status.body.state, status.body.saleId]).toEqual([
      200,
      'COMPLETED',
      firstSale.saleId,
    ]);
    let slip = '';
    await eventually(
      async () => {
        const response = await fetch(`${http.url}/pos/sales/s-1/receipt?format=slip32`, {
          headers: signedHeaders(till, 'GET', '/pos/sales/s-1/receipt?format=slip32', cashier),
        });
        slip = await response.text();
        return response.status === 200;
      },
      { what: 'the receipt to be stored' },
    );
    expect(slip).toMatch(/COPY/);
    expect(Math.max(...slip.split('\n').map((line) => line.length))).toBeLessThanOrEqual(32);
    const confirmed = await till.signed<SaleView>('POST', '/pos/sales/s-1/confirm', { token: cashier });
    expect([confirmed.status, confirmed.body.state]).toEqual([200, 'CONFIRMED']);
    expectProblem(
      await till.signed('POST', '/pos/sales/s-1/reverse', { token: cashier }),
      409,
      'advice-refused',
    );
  });

  it('reverses an unconfirmed PIN sale and refunds its cost', async () => {
    const before = await floatOf();
    expect((await sell({ clientRef: 's-2', sku: PIN_SKU, account: PHONE })).status).toBe(201);
    const reversed = await till.signed<SaleView>('POST', '/pos/sales/s-2/reverse', { token: cashier });
    expect([reversed.status, reversed.body.state]).toEqual([200, 'REVERSED']);
    expect(await floatOf()).toBe(before);
  });

  it('answers 202 with the Location for a sale not final in time, then final by polling', async () => {
    const slow = await sell({
      clientRef: 's-slow',
      sku: 'KE-SAFARICOM-TOPUP',
      account: '+254712345998',
      amount: '5000',
    });
    expect([slow.status, slow.body.state, slow.headers.get('location')]).toEqual([
      202,
      'PENDING',
      '/pos/sales/s-slow',
    ]);
    let final: SaleView | undefined;
    await eventually(
      async () => {
        final = (await till.signed<SaleView>('GET', '/pos/sales/s-slow', { token: cashier })).body;
        return final.state !== 'PENDING';
      },
      { what: 'the slow sale to be final', timeoutMs: 30_000 },
    );
    expect(final?.state).toBe('COMPLETED');
    expect(final?.balanceAfter).toBeDefined();
  }, 40_000);

  it('answers a FAILED sale as a refusal with the sale in the problem (operator declined: 422)', async () => {
    const declined = await sell({
      clientRef: 's-999',
      sku: 'KE-SAFARICOM-TOPUP',
      account: '+254712345999',
      amount: '5000',
    });
    expectProblem(declined, 422, 'operator-declined');
    expect(declined.body.sale).toMatchObject({ clientRef: 's-999', state: 'FAILED' });
  });

  it('finds the sales, exports them as CSV and reports the day', async () => {
    const day = todayIn('Africa/Nairobi');
    const found = await http.call<{ sales: Array<{ clientRef: string }> }>(
      'GET',
      `/admin/sales?from=${day}&to=${day}&dealerId=d-kibera-shop`,
      { token: admin },
    );
    expect(found.body.sales.map((s) => s.clientRef).sort()).toEqual(['s-1', 's-2', 's-999', 's-slow']);
    const csv = await fetch(`${http.url}/admin/sales/export.csv?from=${day}&to=${day}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const text = await csv.text();
    expect([csv.status, csv.headers.get('content-type')]).toEqual([200, expect.stringMatching(/text\/csv/)]);
    expect(text.trim().split('\n')).toHaveLength(5);
    const eod = await till.signed<{ totals: { count: number }; byState: Record<string, number> }>(
      'GET',
      '/pos/reports/end-of-day',
      { token: cashier },
    );
    expect([eod.status, eod.body.totals.count, eod.body.byState]).toEqual([
      200,
      2,
      { sold: 2, reversed: 1, failed: 1 },
    ]);
  });
});

/** The signature headers of a request made with fetch directly (to read a text answer). */
function signedHeaders(device: PosDevice, method: string, path: string, token: string) {
  const timestamp = String(Date.now());
  const nonce = `n${Math.random().toString(36).slice(2)}${Date.now()}`;
  return {
    authorization: `Bearer ${token}`,
    [SigningHeaders.deviceId]: device.deviceId,
    [SigningHeaders.timestamp]: timestamp,
    [SigningHeaders.nonce]: nonce,
    [SigningHeaders.signature]: signRequest(device.secret, { method, path, timestamp, nonce, body: '' }),
  };
}
