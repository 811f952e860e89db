import type { SaleView } from '@tillpoint/contracts';
import path from 'node:path';
import { DATA, FullPlatform, SEED, seedKibera, uploadStock, type Seeded } from './full-platform.harness';
import { expectProblem, type PlatformHarness, type PosDevice } from './platform.harness';

const { pinSku: PIN_SKU, phone: PHONE } = SEED;

/**
 * The refusals of issue #7 and the scope checks of issue #4 through HTTP, against the real services: every
 * bad input is a 4xx problem, never a 5xx, and changes nothing; out-of-scope reads are 403 and say nothing.
 */
describe('refusals through the gateway: scope, and bad input that changes nothing', () => {
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
  const salesCount = async () =>
    (await platform.voucherRows<{ n: number }>('SELECT count(*)::int AS n FROM voucher.sales'))[0].n;

  beforeAll(async () => {
    platform = await FullPlatform.start();
    http = platform.http;
    ({ admin, till, cashier, sell } = await seedKibera(http));
    const topUp = { amount: '1000000', reason: 'opening float' };
    await http.call('POST', '/admin/floats/d-kibera-shop/topups', { token: admin, body: topUp });
    const file = path.join(DATA, 'stock/ke-safaricom-pin-50-b7001.csv');
    const loaded = await uploadStock(http, admin, file, PIN_SKU);
    if (loaded.status !== 201) throw new Error(`stock upload: ${JSON.stringify(loaded.body)}`);
    const sold = await sell({ clientRef: 's-1', sku: PIN_SKU, account: PHONE });
    if (sold.status !== 201) throw new Error(`sale: ${JSON.stringify(sold.body)}`);
    firstSale = sold.body;
  }, 60_000);

  afterAll(() => platform?.stop());

  it("refuses a dealer-admin another dealer's sale with 403 and nothing that tells it exists", async () => {
    const lagos = await http.login('lagos-admin', SEED.password);
    const other = await http.call('GET', `/admin/sales/${firstSale.saleId}`, { token: lagos });
    expectProblem(other, 403, 'forbidden');
    const missing = await http.call('GET', '/admin/sales/00000000-0000-4000-8000-000000000000', {
      token: lagos,
    });
    const shown = (body: Record<string, unknown>) => ({ ...body, correlationId: undefined });
    expect(shown(other.body)).toEqual(shown(missing.body));
    // Without the correlation id: a random UUID contains "d-" in about one run in four.
    expect(JSON.stringify(shown(other.body))).not.toMatch(/kibera|d-|t-/);
    expect((await http.call('GET', `/admin/sales/${firstSale.saleId}`, { token: admin })).status).toBe(200);
  });

  it("refuses an operator another operator's stock with 403, and shows its own", async () => {
    const saf = await http.login('saf-ops', SEED.password);
    expectProblem(
      await http.call('GET', '/admin/stock?sku=NG-MTN-PIN-100', { token: saf }),
      403,
      'forbidden',
    );
    const own = await http.call<Array<{ sku: string; available: number }>>(
      'GET',
      `/admin/stock?sku=${PIN_SKU}`,
      {
        token: saf,
      },
    );
    expect(own.status).toBe(200);
    expect(own.body[0]).toMatchObject({ sku: PIN_SKU, available: 2999, sold: 1 });
  });

  describe('bad input: 4xx problems, never 5xx, and nothing changes', () => {
    let floatBefore: string;
    let salesBefore: number;

    beforeAll(async () => {
      floatBefore = await floatOf();
      salesBefore = await salesCount();
    });

    afterAll(async () => {
      expect(await floatOf()).toBe(floatBefore);
      expect(await salesCount()).toBe(salesBefore);
    });

    it.each([
      ['an array', `[{"clientRef":"b-arr","sku":"${SEED.pinSku}","account":"${SEED.phone}"}]`],
      ['null', 'null'],
      ['a string', '"KE-SAFARICOM-PIN-50"'],
      ['a number', '42'],
    ])('refuses %s as the body of a sale', async (_what, raw) => {
      const answer = await till.signed('POST', '/pos/sales', { raw, token: cashier });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('refuses malformed JSON and a body of 10 MB', async () => {
      expectProblem(
        await till.signed('POST', '/pos/sales', { raw: '{"sku": "KE-', token: cashier }),
        400,
        'malformed-json',
      );
      const huge = JSON.stringify({
        clientRef: 'b-huge',
        sku: PIN_SKU,
        account: 'x'.repeat(10 * 1024 * 1024),
      });
      expectProblem(
        await till.signed('POST', '/pos/sales', { raw: huge, token: cashier }),
        413,
        'payload-too-large',
      );
      expectProblem(
        await http.call('PUT', '/admin/catalog', { raw: huge, token: admin }),
        413,
        'payload-too-large',
      );
    });

    it.each([
      ['wrong types', { clientRef: 'b-1', sku: 50, account: true }, 400, 'invalid-request'],
      [
        'an unknown field',
        { clientRef: 'b-2', sku: PIN_SKU, account: PHONE, price: '1' },
        400,
        'invalid-request',
      ],
      [
        'SQL in the account',
        { clientRef: 'b-3', sku: PIN_SKU, account: "'; DROP TABLE sales; --" },
        422,
        'invalid-account',
      ],
      [
        'SQL in the reference',
        { clientRef: "x' OR '1'='1", sku: PIN_SKU, account: PHONE },
        400,
        'invalid-request',
      ],
      [
        'script in the account',
        { clientRef: 'b-4', sku: PIN_SKU, account: '<script>alert(1)</script>' },
        422,
        'invalid-account',
      ],
      [
        'script in the e-mail',
        { clientRef: 'b-5', sku: PIN_SKU, account: PHONE, customer: { email: '<script>' } },
        400,
        'invalid-request',
      ],
      [
        'an unknown product',
        { clientRef: 'b-6', sku: 'NO-SUCH-SKU', account: PHONE },
        422,
        'unknown-product',
      ],
      [
        'a huge amount',
        { clientRef: 'b-7', sku: 'KE-SAFARICOM-TOPUP', account: PHONE, amount: '9'.repeat(40) },
        400,
        'invalid-request',
      ],
      [
        'an amount over the range',
        { clientRef: 'b-8', sku: 'KE-SAFARICOM-TOPUP', account: PHONE, amount: '999999999999' },
        422,
        'sale-amount-out-of-range',
      ],
      [
        'a negative amount',
        { clientRef: 'b-9', sku: 'KE-SAFARICOM-TOPUP', account: PHONE, amount: -5000 },
        422,
        'sale-amount-out-of-range',
      ],
      [
        'a fraction',
        { clientRef: 'b-10', sku: 'KE-SAFARICOM-TOPUP', account: PHONE, amount: '5000.5' },
        422,
        'amount-not-whole',
      ],
      [
        'a number too big for JSON',
        { clientRef: 'b-11', sku: 'KE-SAFARICOM-TOPUP', account: PHONE, amount: 1e300 },
        400,
        'invalid-request',
      ],
    ])('refuses a sale with %s', async (_what, body, status, slug) => {
      expectProblem(await sell(body), status, slug);
    });

    it('refuses top-ups with negative, huge or wrongly typed amounts and unknown fields', async () => {
      for (const body of [
        { amount: '-100', reason: 'negative' },
        { amount: '9'.repeat(30), reason: 'huge' },
        { amount: { $gt: 0 }, reason: 'object' },
        { amount: '100', reason: 'extra', dealerId: 'd-lagos-hub' },
        { amount: '100', reason: "<script>alert('x')</script>", transferId: "'; DROP TABLE--" },
      ]) {
        const answer = await http.call('POST', '/admin/floats/d-kibera-shop/topups', { token: admin, body });
        expectProblem(answer, 400, 'invalid-request');
      }
    });
  });
});
