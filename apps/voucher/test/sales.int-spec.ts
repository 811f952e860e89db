import {
  ConfirmSale,
  CreateSale,
  GetBalance,
  GetSale,
  ReleasePin,
  ReverseSale,
  SalesReport,
  SearchSales,
  SALES_EXPORT_PATH,
  INTERNAL_TOKEN_HEADER,
  PRINCIPAL_HEADER,
  VoucherErrors,
  type Principal,
  type CreateSaleRequest,
  type SaleView,
} from '@tillpoint/contracts';
import { PinCipher } from '@tillpoint/runtime';
import { eventually, sleep } from '@tillpoint/testing';
import { randomInt } from 'node:crypto';
import { terminalOf, VoucherHarness } from './voucher.harness';

// Cost of GB-EE-PIN-10: 1000 - floor(1000 * 350 / 10000) = 965 pence.
const GB_COST = 965n;

function batch(prefix: string, count: number): string {
  const rows = Array.from(
    { length: count },
    (_, i) =>
      `${prefix}${String(i).padStart(6, '0')},${String(randomInt(1e9)).padStart(9, '0')}${String(i).padStart(6, '0')},2030-01-31`,
  );
  return ['serial,pin,expiry', ...rows].join('\n');
}

describe('voucher sales', () => {
  let voucher: VoucherHarness;
  const leeds = terminalOf('d-leeds-news', 't-leeds-news-1', 'c-leeds-1a', 'GBP', 'Europe/London');
  const kibera = terminalOf('d-kibera-shop', 't-kibera-shop-1', 'c-kibera-1a', 'KES');
  let ref = 0;

  const sale = (who: typeof leeds, body: Partial<CreateSaleRequest>): CreateSaleRequest => ({
    ...who,
    clientRef: `ref-${++ref}`,
    sku: 'GB-EE-PIN-10',
    account: '+447400792084',
    ...body,
  });
  const sell = (request: CreateSaleRequest) =>
    voucher.client.request(CreateSale, request, { timeoutMs: 30_000 });
  const refusal = (request: CreateSaleRequest) =>
    sell(request).then(
      () => 'sold',
      (e: { code: string }) => e.code,
    );
  const available = async (dealer: string) =>
    BigInt((await voucher.client.request(GetBalance, { account: `float:${dealer}` })).available);

  beforeAll(async () => {
    voucher = await VoucherHarness.start({ ledgerPort: 3401, env: { VOUCHER_STOCK_WATCH_MS: '200' } });
    expect((await voucher.upload(batch('GBEET', 150), 'GB-EE-PIN-10')).status).toBe(201);
    expect((await voucher.upload(batch('KESAFT', 5), 'KE-SAFARICOM-PIN-50')).status).toBe(201);
    await voucher.openFloat('d-leeds-news', 'GBP', 1_000_000n);
    await voucher.openFloat('d-kibera-shop', 'KES', 200_000n);
  });
  afterAll(() => voucher?.stop());

  it('sells 150 PINs to 200 concurrent sales: 50 out of stock, no PIN twice, 150 debits', async () => {
    const before = await available('d-leeds-news');
    const views = await Promise.all(Array.from({ length: 200 }, () => sell(sale(leeds, {}))));
    const completed = views.filter((v) => v.state === 'COMPLETED');
    expect(completed).toHaveLength(150);
    expect(views.filter((v) => v.failureCode === VoucherErrors.OUT_OF_STOCK)).toHaveLength(50);
    expect(new Set(completed.map((v) => v.receipt!.pin)).size).toBe(150);
    expect(new Set(completed.map((v) => v.receipt!.serial)).size).toBe(150);
    expect(before - (await available('d-leeds-news'))).toBe(150n * GB_COST);
    const [pins] = await voucher.rows<{ sold: number; sales: number }>(
      `SELECT count(*) FILTER (WHERE status = 'sold')::int AS sold, count(DISTINCT sale_id)::int AS sales FROM voucher.pins`,
    );
    expect(pins).toEqual({ sold: 150, sales: 150 });
    const transfers = await voucher.rows(`SELECT 1 FROM ledger.transfers WHERE id LIKE 'sale:%'`);
    expect(transfers).toHaveLength(150);
  });

  it('tells once that a product fell below its stock threshold', async () => {
    const lows = () =>
      voucher.rows<{ payload: { available: number; threshold: number } }>(
        `SELECT payload FROM voucher.outbox WHERE name = 'voucher.stock.low.v1' AND payload->>'sku' = 'GB-EE-PIN-10'`,
      );
    await eventually(async () => (await lows()).length > 0);
    await sleep(600);
    // One event on the crossing, however far the stock fell after it (here to 0).
    const [low, ...more] = (await lows()).map((row) => row.payload);
    expect(more).toEqual([]);
    expect(low.threshold).toBe(100);
    expect(low.available).toBeLessThan(100);
  });

  it('answers the same (terminal, client reference) sent 20 times at once with one sale and one debit', async () => {
    const before = await available('d-kibera-shop');
    const request = sale(kibera, { sku: 'KE-SAFARICOM-TOPUP', account: '+254712885265', amount: '5000' });
    const views = await Promise.all(Array.from({ length: 20 }, () => sell(request)));
    expect(views[0].state).toBe('COMPLETED');
    for (const view of views) expect(view).toEqual(views[0]);
    expect(
      await voucher.rows('SELECT 1 FROM voucher.sales WHERE client_ref = $1', [request.clientRef]),
    ).toHaveLength(1);
    // 5000 less 4% commission.
    expect(before - (await available('d-kibera-shop'))).toBe(4800n);
    expect(views[0].receipt?.operatorRef).toMatch(/^SIM-/);
  });

  it('refuses the same client reference with another body as a conflict, changing nothing', async () => {
    const request = sale(kibera, { sku: 'KE-SAFARICOM-TOPUP', account: '+254712885265', amount: 2000 });
    const first = await sell(request);
    expect(await refusal({ ...request, amount: 2001 })).toBe(VoucherErrors.IDEMPOTENCY_CONFLICT);
    expect(await sell(request)).toEqual(first);
  });

  it('refuses invalid requests without recording them', async () => {
    const [{ count: before }] = await voucher.rows<{ count: number }>(
      'SELECT count(*)::int AS count FROM voucher.sales',
    );
    const cases: Array<[Partial<CreateSaleRequest>, string]> = [
      [{ sku: 'NO-SUCH-PIN' }, VoucherErrors.UNKNOWN_PRODUCT],
      [{ sku: 'KE-SAFARICOM-PIN-50', account: '+254712885265' }, VoucherErrors.CURRENCY_MISMATCH],
      [{ account: '+4474007' }, VoucherErrors.INVALID_ACCOUNT],
      [{ account: '+254712885265' }, VoucherErrors.INVALID_ACCOUNT],
      [{ amount: 1001 }, VoucherErrors.AMOUNT_OUT_OF_RANGE],
      [{ catalogVersion: 99 }, VoucherErrors.UNKNOWN_CATALOG_VERSION],
    ];
    for (const [body, code] of cases) expect([body, await refusal(sale(leeds, body))]).toEqual([body, code]);
    const kes: Array<[Partial<CreateSaleRequest>, string]> = [
      [
        { sku: 'KE-SAFARICOM-TOPUP', account: '+254712885265', amount: 999 },
        VoucherErrors.AMOUNT_OUT_OF_RANGE,
      ],
      // A JSON fraction never gets here (the wire refuses it); a decimal string does.
      [
        { sku: 'KE-SAFARICOM-TOPUP', account: '+254712885265', amount: '1500.5' },
        VoucherErrors.AMOUNT_NOT_WHOLE,
      ],
      [
        { sku: 'KE-SAFARICOM-TOPUP', account: '+254712885265', amount: '15.00' },
        VoucherErrors.AMOUNT_NOT_WHOLE,
      ],
      [{ sku: 'KE-KPLC-BILL', account: '0802892193', amount: 35900 }, VoucherErrors.INVALID_ACCOUNT],
    ];
    for (const [body, code] of kes) expect([body, await refusal(sale(kibera, body))]).toEqual([body, code]);
    const [{ count: after }] = await voucher.rows<{ count: number }>(
      'SELECT count(*)::int AS count FROM voucher.sales',
    );
    expect(after).toBe(before);
  });

  it('records a declined bill as FAILED with nothing debited, and pays a good one', async () => {
    const before = await available('d-kibera-shop');
    const declined = await sell(sale(kibera, { sku: 'KE-KPLC-BILL', account: '08028921999', amount: 35900 }));
    expect([declined.state, declined.failureCode]).toEqual(['FAILED', VoucherErrors.OPERATOR_DECLINED]);
    expect(await available('d-kibera-shop')).toBe(before);
    const paid = await sell(sale(kibera, { sku: 'KE-KPLC-BILL', account: '08028921933', amount: 35900 }));
    expect(paid.state).toBe('COMPLETED');
    // 35900 less 1.5%, rounded down to a cent: 35900 - 538.
    expect(before - (await available('d-kibera-shop'))).toBe(35362n);
  });

  it('fails a sale the float cannot cover and puts its PIN back', async () => {
    const poor = terminalOf('d-poor-shop', 't-poor-shop-1', 'c-poor-1a', 'KES');
    await voucher.openFloat('d-poor-shop', 'KES', 100n);
    const view = await sell(sale(poor, { sku: 'KE-SAFARICOM-PIN-50', account: '+254712885265' }));
    expect([view.state, view.failureCode]).toEqual(['FAILED', VoucherErrors.INSUFFICIENT_FLOAT]);
    const [{ count }] = await voucher.rows<{ count: number }>(
      `SELECT count(*)::int AS count FROM voucher.pins WHERE sku = 'KE-SAFARICOM-PIN-50' AND status = 'available'`,
    );
    expect(count).toBe(5);
  });

  describe('advices and status', () => {
    const pinSale = () => sell(sale(kibera, { sku: 'KE-SAFARICOM-PIN-50', account: '+254712885265' }));
    const advise = (contract: typeof ConfirmSale, clientRef: string) =>
      voucher.client.request(contract, { principal: kibera.principal, clientRef }).then(
        (v: SaleView) => v,
        (e: { code: string }) => e.code,
      );

    it('confirms once, and then refuses a reversal', async () => {
      const done = await pinSale();
      const confirmed = await advise(ConfirmSale, done.clientRef);
      expect(confirmed).toMatchObject({ state: 'CONFIRMED' });
      expect(await advise(ConfirmSale, done.clientRef)).toEqual(confirmed);
      expect(await advise(ReverseSale, done.clientRef)).toBe(VoucherErrors.NOT_REVERSIBLE);
    });

    it('reverses a completed PIN sale: refunded once, PIN quarantined, repeat answers the same', async () => {
      const before = await available('d-kibera-shop');
      const done = await pinSale();
      const reversed = await advise(ReverseSale, done.clientRef);
      expect(reversed).toMatchObject({ state: 'REVERSED' });
      expect(await advise(ReverseSale, done.clientRef)).toEqual(reversed);
      expect(await available('d-kibera-shop')).toBe(before);
      const [pin] = await voucher.rows<{ status: string }>(
        'SELECT status FROM voucher.pins WHERE sale_id = $1',
        [done.saleId],
      );
      expect(pin.status).toBe('quarantined');
      expect(await advise(ConfirmSale, done.clientRef)).toBe(VoucherErrors.NOT_CONFIRMABLE);
      // Back on sale only when its operator says so.
      const release = (operatorId: string) =>
        voucher.client.request(ReleasePin, {
          principal: { role: 'operator', subject: 'o', operatorId },
          sku: 'KE-SAFARICOM-PIN-50',
          serial: done.receipt!.serial!,
        });
      await expect(release('ke-airtel')).rejects.toMatchObject({ code: VoucherErrors.PIN_NOT_QUARANTINED });
      expect(await release('ke-safaricom')).toMatchObject({ status: 'available' });
    });

    it('refuses to reverse a top-up the operator completed, and an unknown reference', async () => {
      const topup = await sell(
        sale(kibera, { sku: 'KE-SAFARICOM-TOPUP', account: '+254712885265', amount: 3000 }),
      );
      expect(await advise(ReverseSale, topup.clientRef)).toBe(VoucherErrors.NOT_REVERSIBLE);
      expect(await advise(ReverseSale, 'never-sold')).toBe(VoucherErrors.SALE_NOT_FOUND);
    });

    it('answers a status enquiry with the voucher, the PIN only to the selling terminal', async () => {
      const done = await pinSale();
      const mine = await voucher.client.request(GetSale, {
        principal: kibera.principal,
        clientRef: done.clientRef,
      });
      expect(mine).toEqual(done);
      expect(mine.receipt?.pin).toMatch(/^[0-9]+$/);
      const admin = await voucher.client.request(GetSale, {
        principal: {
          role: 'dealer-admin',
          subject: 'u1',
          dealerId: 'd-kibera-shop',
          dealerPath: ['d-kibera-shop'],
        },
        saleId: done.saleId,
      });
      expect(admin.receipt?.serial).toBe(done.receipt?.serial);
      expect(admin.receipt?.pin).toBeUndefined();
      const outsiders = [
        { role: 'dealer-admin' as const, subject: 'u2', dealerId: 'd-other', dealerPath: ['d-other'] },
        { role: 'operator' as const, subject: 'u3', operatorId: 'ke-airtel' },
      ];
      for (const principal of outsiders) {
        await expect(
          voucher.client.request(GetSale, { principal, saleId: done.saleId }),
        ).rejects.toMatchObject({
          code: VoucherErrors.SALE_NOT_FOUND,
        });
      }
      const other = terminalOf('d-kibera-shop', 't-kibera-shop-2', 'c-kibera-2a', 'KES');
      await expect(
        voucher.client.request(GetSale, { principal: other.principal, clientRef: done.clientRef }),
      ).rejects.toMatchObject({ code: VoucherErrors.SALE_NOT_FOUND });
    });

    it('writes the completed event with the PIN sealed, never in clear', async () => {
      const done = await pinSale();
      const [event] = await voucher.rows<{
        payload: { receipt: { pin: { keyId: string; sealed: string } } };
      }>(
        `SELECT payload FROM voucher.outbox WHERE name = 'voucher.sale.completed.v1' AND payload->'receipt'->>'saleId' = $1`,
        [done.saleId],
      );
      expect(JSON.stringify(event.payload)).not.toContain(done.receipt!.pin!);
      expect(voucher.get(PinCipher).open(event.payload.receipt.pin)).toBe(done.receipt!.pin);
    });
  });

  describe('search, reports and export', () => {
    const range = { from: '2026-01-01', to: '2030-12-31' };
    const admin: Principal = { role: 'platform-admin', subject: 'admin' };

    it('reports per day, product, operator and dealer in each currency; an operator sees its own only', async () => {
      const rows = await voucher.client.request(SalesReport, {
        principal: admin,
        ...range,
        groupBy: ['product'],
      });
      expect(rows.find((r) => r.sku === 'GB-EE-PIN-10')).toMatchObject({
        currency: 'GBP',
        sold: 150,
        failed: 50,
        amount: '150000',
        cost: String(150n * GB_COST),
        commission: String(150n * (1000n - GB_COST)),
      });
      const ee = await voucher.client.request(SalesReport, {
        principal: { role: 'operator', subject: 'o', operatorId: 'gb-ee' },
        ...range,
      });
      expect(ee.map((r) => [r.operatorId, r.dealerId, r.currency, r.sold])).toEqual([
        ['gb-ee', 'd-leeds-news', 'GBP', 150],
      ]);
      expect(ee[0].day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('pages through a search with a cursor, every sale once, in scope', async () => {
      const principal: Principal = {
        role: 'dealer-admin',
        subject: 'u',
        dealerId: 'd-leeds-news',
        dealerPath: ['d-leeds-news'],
      };
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await voucher.client.request(SearchSales, { principal, ...range, limit: 60, after });
        seen.push(...page.sales.map((sale) => sale.saleId));
        after = page.next ?? undefined;
      } while (after);
      expect(seen).toHaveLength(200);
      expect(new Set(seen).size).toBe(200);
    });

    it('streams a CSV export of what the principal may see, without PINs', async () => {
      const principal: Principal = {
        role: 'dealer-admin',
        subject: 'u',
        dealerId: 'd-kibera-shop',
        dealerPath: ['d-kibera-shop'],
      };
      const response = await fetch(
        `${voucher.voucherUrl}${SALES_EXPORT_PATH}?from=${range.from}&to=${range.to}`,
        {
          headers: {
            [INTERNAL_TOKEN_HEADER]: voucher.env.INTERNAL_API_TOKEN,
            [PRINCIPAL_HEADER]: Buffer.from(JSON.stringify(principal)).toString('base64url'),
          },
        },
      );
      expect(response.status).toBe(200);
      const lines = (await response.text()).trim().split('\r\n');
      const [{ count }] = await voucher.rows<{ count: number }>(
        `SELECT count(*)::int AS count FROM voucher.sales WHERE dealer_id = 'd-kibera-shop'`,
      );
      expect(lines[0]).toMatch(/^saleId,clientRef,state,/);
      expect(lines).toHaveLength(count + 1);
      expect(lines.slice(1).every((line) => line.includes('d-kibera-shop'))).toBe(true);
      // A PIN sale of this dealer is in the export, by serial, and its PIN is not.
      const line = lines.find((l) => l.includes('KE-SAFARICOM-PIN-50') && l.includes(',COMPLETED,'))!;
      const sold = await voucher.client.request(GetSale, {
        principal: kibera.principal,
        clientRef: line.split(',')[1],
      });
      expect(sold.receipt?.pin).toMatch(/^[0-9]+$/);
      expect(line).toContain(sold.receipt!.serial);
      expect(lines.join('\n')).not.toContain(sold.receipt!.pin);
    });
  });

  it('never sells an expired PIN', async () => {
    await voucher.rows(
      `UPDATE voucher.pins SET expires_on = current_date - 1 WHERE sku = 'KE-SAFARICOM-PIN-50' AND status = 'available'`,
    );
    const view = await sell(sale(kibera, { sku: 'KE-SAFARICOM-PIN-50', account: '+254712885265' }));
    expect([view.state, view.failureCode]).toEqual(['FAILED', VoucherErrors.OUT_OF_STOCK]);
  });

  it('settles each of many PIN sales on one float alone when their transfers go to the ledger together', async () => {
    // Eight at once: their transfers wait for the first ones and go in one PostTransfers. The float covers
    // three; each of the other five fails on its own, its PIN back in stock.
    const stock = async () =>
      (
        await voucher.rows<{ count: number }>(
          `SELECT count(*)::int AS count FROM voucher.pins WHERE sku = 'GB-EE-PIN-10' AND status = 'available'`,
        )
      )[0].count;
    expect((await voucher.upload(batch('GBTIGHT', 10), 'GB-EE-PIN-10')).status).toBe(201);
    const before = await stock();
    const tight = terminalOf('d-tight-shop', 't-tight-shop-1', 'c-tight-1a', 'GBP', 'Europe/London');
    await voucher.openFloat('d-tight-shop', 'GBP', 3n * GB_COST + 10n);
    const views = await Promise.all(Array.from({ length: 8 }, () => sell(sale(tight, {}))));
    const outcomes = views.map((v) => v.failureCode ?? v.state).sort();
    expect(outcomes).toEqual([
      ...Array(3).fill('COMPLETED'),
      ...Array(5).fill(VoucherErrors.INSUFFICIENT_FLOAT),
    ]);
    // Each receipt's balance is the float right after its own debit.
    const after = views.filter((v) => v.state === 'COMPLETED').map((v) => BigInt(v.receipt!.balanceAfter));
    expect(after.sort((a, b) => (a < b ? -1 : 1))).toEqual([10n, GB_COST + 10n, 2n * GB_COST + 10n]);
    expect(await available('d-tight-shop')).toBe(10n);
    // The ledger posted the transfers of exactly the sales that completed: no answer went to another sale.
    const posted = await voucher.rows<{ id: string }>(`SELECT id FROM ledger.transfers WHERE id = ANY($1)`, [
      views.map((v) => `sale:${v.saleId}`),
    ]);
    expect(posted.map((r) => r.id).sort()).toEqual(
      views
        .filter((v) => v.state === 'COMPLETED')
        .map((v) => `sale:${v.saleId}`)
        .sort(),
    );
    expect(await stock()).toBe(before - 3);
  });
});
