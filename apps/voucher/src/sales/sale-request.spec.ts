import {
  CatalogDocument,
  VoucherErrors,
  type CreateSaleRequest,
  type SellerContext,
} from '@tillpoint/contracts';
import { plainToInstance } from 'class-transformer';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileCatalog, priceOf } from '../catalog/catalog.model';
import { priceSale, requestHash } from './sale-request';

const document = plainToInstance(
  CatalogDocument,
  JSON.parse(
    readFileSync(path.resolve(__dirname, '../../../../../shared/data/catalog.json'), 'utf8'),
  ) as object,
);
const catalog = compileCatalog(1, '2026-12-01T00:00:00.000Z', document);
const seller: SellerContext = {
  dealerId: 'd-kibera-shop',
  dealerPath: ['d-kibera-shop'],
  dealerName: 'Kibera shop',
  currency: 'KES',
  timeZone: 'Africa/Nairobi',
  terminalId: 't-kibera-shop-1',
  cashierId: 'c-kibera-1a',
};
const request = (body: Partial<CreateSaleRequest>): CreateSaleRequest => ({
  principal: { role: 'terminal', subject: 'c-kibera-1a' },
  seller,
  clientRef: 'r1',
  sku: 'KE-SAFARICOM-PIN-50',
  account: '+254712885265',
  ...body,
});
const code = (body: Partial<CreateSaleRequest>) => {
  try {
    priceSale(request(body), catalog);
    return 'priced';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe(priceSale.name, () => {
  it('prices a PIN at its face value less the commission, rounded down to a minor unit', () => {
    const priced = priceSale(request({}), catalog);
    expect([priced.amount, priced.cost, priced.commission]).toEqual([5000n, 4700n, 300n]);
    expect(priceOf(999n, 150n)).toEqual({ cost: 985n, commission: 14n });
  });

  it('normalises a national mobile number of the operator country to E.164', () => {
    expect(priceSale(request({ account: '0712885265' }), catalog).account).toBe('+254712885265');
  });

  it('refuses each kind of invalid request with its own code', () => {
    expect(code({ sku: 'NOPE' })).toBe(VoucherErrors.UNKNOWN_PRODUCT);
    expect(code({ sku: 'GB-EE-PIN-10' })).toBe(VoucherErrors.CURRENCY_MISMATCH);
    expect(code({ account: '+447400792084' })).toBe(VoucherErrors.INVALID_ACCOUNT);
    expect(code({ account: '+25420' })).toBe(VoucherErrors.INVALID_ACCOUNT);
    expect(code({ amount: '4999' })).toBe(VoucherErrors.AMOUNT_OUT_OF_RANGE);
    expect(code({ sku: 'KE-SAFARICOM-TOPUP' })).toBe(VoucherErrors.AMOUNT_NOT_WHOLE);
    expect(code({ sku: 'KE-SAFARICOM-TOPUP', amount: '10.5' })).toBe(VoucherErrors.AMOUNT_NOT_WHOLE);
    expect(code({ sku: 'KE-SAFARICOM-TOPUP', amount: 1000001 })).toBe(VoucherErrors.AMOUNT_OUT_OF_RANGE);
    expect(code({ sku: 'KE-KPLC-BILL', account: '0802892193a', amount: 10000 })).toBe(
      VoucherErrors.INVALID_ACCOUNT,
    );
    expect(code({ sku: 'KE-KPLC-BILL', account: '08028921933', amount: 10000 })).toBe('priced');
  });

  it('refuses a sale quoted at a version whose price has changed since', () => {
    const changed = structuredClone(document);
    changed.products.find((p) => p.sku === 'KE-SAFARICOM-PIN-50')!.dealerCommissionBps = 700;
    const current = compileCatalog(2, '2026-12-02T00:00:00.000Z', changed);
    let refused: unknown;
    try {
      priceSale(request({ catalogVersion: 1 }), current, catalog);
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ code: VoucherErrors.PRICE_CHANGED });
    expect(
      priceSale(request({ sku: 'KE-AIRTEL-PIN-50', catalogVersion: 1 }), current, catalog).catalogVersion,
    ).toBe(2);
  });

  it('says the range of an amount in the currency, and that a PIN takes none', () => {
    const message = (body: Partial<CreateSaleRequest>) => {
      try {
        priceSale(request(body), catalog);
        return 'priced';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(message({ sku: 'KE-SAFARICOM-TOPUP', amount: 1000001 })).toBe(
      'the amount must be between KES 10.00 and KES 10000.00',
    );
    expect(message({ sku: 'KE-SAFARICOM-TOPUP' })).toContain('KE-SAFARICOM-TOPUP needs an amount');
    expect(message({ amount: '4999' })).toBe('a KES 50.00 PIN has a fixed value: leave the amount out');
  });

  it('fingerprints what the terminal chose: another amount or cashier is another request', () => {
    const base = requestHash(request({ amount: 5000 }));
    expect(requestHash(request({ amount: '5000' }))).toBe(base);
    expect(requestHash(request({ amount: 5001 }))).not.toBe(base);
    expect(requestHash(request({ amount: 5000, seller: { ...seller, cashierId: 'c-kibera-1b' } }))).not.toBe(
      base,
    );
  });
});
