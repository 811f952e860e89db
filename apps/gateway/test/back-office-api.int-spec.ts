import type { CatalogView } from '@tillpoint/contracts';
import { eventually } from '@tillpoint/testing';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { todayIn } from '../src/pos/till.controller';
import { DATA, FullPlatform, SEED, seedKibera, type Seeded } from './full-platform.harness';
import { expectProblem, type PlatformHarness } from './platform.harness';

const TOPUP_SKU = 'KE-SAFARICOM-TOPUP';

/** The back-office routes of issue #7 that the sale flow does not touch, through HTTP to the real services. */
describe('the back office through the gateway: catalog, floats, reports, receipts, webhooks', () => {
  let platform: FullPlatform;
  let http: PlatformHarness;
  let seeded: Seeded;
  let admin: string;
  let saleId: string;

  beforeAll(async () => {
    platform = await FullPlatform.start();
    http = platform.http;
    seeded = await seedKibera(http);
    admin = seeded.admin;
    await seeded.post('/admin/users', {
      username: 'kibera-admin',
      password: SEED.password,
      role: 'dealer-admin',
      dealerId: 'd-kibera-shop',
    });
    const body = { transferId: 'open-kibera', amount: '500000', reason: 'opening float' };
    await seeded.post('/admin/floats/d-kibera-shop/topups', body);
    const sold = await seeded.sell({
      clientRef: 'bo-1',
      sku: TOPUP_SKU,
      account: SEED.phone,
      amount: '2000',
    });
    if (sold.status !== 201) throw new Error(JSON.stringify(sold.body));
    saleId = sold.body.saleId;
  }, 60_000);

  afterAll(() => platform?.stop());

  it('publishes a catalog, patches one product as a new version, and shows an operator only its own', async () => {
    const document = JSON.parse(readFileSync(path.join(DATA, 'catalog.json'), 'utf8')) as object;
    const put = await http.call<CatalogView>('PUT', '/admin/catalog', { token: admin, body: document });
    expect([put.status, put.body.version]).toEqual([200, 2]);
    const patched = await http.call<CatalogView>('PATCH', `/admin/products/${TOPUP_SKU}`, {
      token: admin,
      body: { dealerCommissionBps: 321 },
    });
    expect(patched.body.version).toBe(3);
    const product = patched.body.catalog.products.find((p) => p.sku === TOPUP_SKU);
    expect(product?.dealerCommissionBps).toBe(321);
    expectProblem(
      await http.call('PATCH', '/admin/products/NO-SUCH-SKU', {
        token: admin,
        body: { dealerCommissionBps: 1 },
      }),
      422,
      'unknown-product',
    );
    expectProblem(
      await http.call('PATCH', `/admin/products/${TOPUP_SKU}`, { token: admin, body: { currency: 'USD' } }),
      400,
      'invalid-request',
    );
    const saf = await http.login('saf-ops', SEED.password);
    const seen = await http.call<CatalogView>('GET', '/admin/catalog', { token: saf });
    expect(new Set(seen.body.catalog.products.map((p) => p.operator))).toEqual(new Set(['ke-safaricom']));
    expectProblem(await http.call('PUT', '/admin/catalog', { token: saf, body: document }), 403, 'forbidden');
  });

  it("shows a dealer's float and its statement, to its dealer-admin and not to another's", async () => {
    const kibera = await http.login('kibera-admin', SEED.password);
    const balance = await http.call<{ posted: string }>('GET', '/admin/floats/d-kibera-shop', {
      token: kibera,
    });
    expect(balance.status).toBe(200);
    const statement = await http.call<{ lines: Array<{ transferId: string }> }>(
      'GET',
      '/admin/floats/d-kibera-shop/statement?limit=10',
      { token: kibera },
    );
    expect(statement.body.lines.map((l) => l.transferId)).toContain('open-kibera');
    const lagos = await http.login('lagos-admin', SEED.password);
    // The ledger answers an account outside the caller's scope as missing: nothing tells it exists.
    const other = await http.call('GET', '/admin/floats/d-kibera-shop', { token: lagos });
    expectProblem(other, 404, 'account-not-found');
    expectProblem(
      await http.call('GET', '/admin/floats/d-no-such', { token: lagos }),
      404,
      'account-not-found',
    );
  });

  it('reports the sales by product and gives the dealer-admin a receipt copy', async () => {
    const day = todayIn('Africa/Nairobi');
    const report = await http.call<Array<{ sku: string; sold: number; amount: string }>>(
      'GET',
      `/admin/reports/sales?by=product&from=${day}&to=${day}`,
      { token: admin },
    );
    expect(report.body).toEqual([expect.objectContaining({ sku: TOPUP_SKU, sold: 1, amount: '2000' })]);
    expectProblem(
      await http.call('GET', `/admin/reports/sales?by=cashier&from=${day}&to=${day}`, { token: admin }),
      400,
      'invalid-request',
    );
    const kibera = await http.login('kibera-admin', SEED.password);
    await eventually(
      async () =>
        (await http.call('GET', `/admin/sales/${saleId}/receipt?format=json`, { token: kibera })).status ===
        200,
      { what: 'the receipt to be stored' },
    );
    const copy = await http.call<{ copy: boolean; receipt: { saleId: string } }>(
      'GET',
      `/admin/sales/${saleId}/receipt?format=json`,
      { token: kibera },
    );
    expect([copy.body.copy, copy.body.receipt.saleId]).toEqual([true, saleId]);
    const lagos = await http.login('lagos-admin', SEED.password);
    // Notifications answers another dealer's receipt as missing, as it does an unknown sale.
    const refused = await http.call('GET', `/admin/sales/${saleId}/receipt`, { token: lagos });
    expectProblem(refused, 404, 'receipt-not-found');
  });

  it('creates, lists and deletes a webhook subscription, and lists its attempts and deliveries', async () => {
    const kibera = await http.login('kibera-admin', SEED.password);
    const created = await http.call<{ subscription: { id: string }; secret: string }>(
      'POST',
      '/admin/subscriptions',
      {
        token: kibera,
        body: { url: 'https://hooks.example.invalid/tillpoint', events: ['sale.completed'] },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.secret.length).toBeGreaterThan(16);
    const id = created.body.subscription.id;
    const listed = await http.call<{ subscriptions: Array<{ id: string }> }>('GET', '/admin/subscriptions', {
      token: kibera,
    });
    expect(listed.body.subscriptions.map((s) => s.id)).toEqual([id]);
    const attempts = await http.call('GET', `/admin/subscriptions/${id}/attempts?limit=5`, { token: kibera });
    expect(attempts.status).toBe(200);
    const parked = await http.call('GET', `/admin/deliveries?status=parked&subscriptionId=${id}`, {
      token: kibera,
    });
    expect(parked.body).toEqual({ deliveries: [] });
    expectProblem(
      await http.call('POST', '/admin/subscriptions', {
        token: kibera,
        body: { url: 'ftp://x', events: ['sale.completed'] },
      }),
      422,
      'invalid-url',
    );
    const deleted = await http.call<{ active: boolean }>('DELETE', `/admin/subscriptions/${id}`, {
      token: kibera,
    });
    expect([deleted.status, deleted.body.active]).toEqual([200, false]);
    expectProblem(
      await http.call('POST', '/admin/deliveries/00000000-0000-4000-8000-000000000000/redeliver', {
        token: kibera,
      }),
      404,
      'delivery-not-found',
    );
  });
});
