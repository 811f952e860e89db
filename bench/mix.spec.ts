import { hotProduct, parseMix, resolveMix, type CatalogProduct } from './mix';
import { OptionError } from './option-error';

const CATALOG: CatalogProduct[] = [
  { sku: 'KE-SAFARICOM-PIN-50', kind: 'pin', operator: 'ke-safaricom', currency: 'KES', faceValue: 5000 },
  { sku: 'KE-AIRTEL-PIN-50', kind: 'pin', operator: 'ke-airtel', currency: 'KES', faceValue: 5000 },
  { sku: 'KE-SAFARICOM-TOPUP', kind: 'topup', operator: 'ke-safaricom', currency: 'KES', minAmount: 1000 },
  { sku: 'NG-MTN-PIN-100', kind: 'pin', operator: 'ng-mtn', currency: 'NGN', faceValue: 10000 },
  { sku: 'KE-KPLC-BILL', kind: 'bill', currency: 'KES', minAmount: 10000 },
];

describe(parseMix.name, () => {
  it('reads kinds and skus with their weights', () => {
    expect(parseMix('pin:8, topup:2,KE-AIRTEL-PIN-50:0.5')).toEqual([
      { name: 'pin', weight: 8 },
      { name: 'topup', weight: 2 },
      { name: 'KE-AIRTEL-PIN-50', weight: 0.5 },
    ]);
  });

  it.each(['pin', 'pin:0', 'pin:-1', 'pin:1:2', ':3', 'gift:1', 'pin:1,pin:2'])('refuses "%s"', (spec) => {
    expect(() => parseMix(spec)).toThrow(OptionError);
  });
});

describe(resolveMix.name, () => {
  it('shares a kind weight equally among its products in the currency only', () => {
    const parts = resolveMix(parseMix('pin:8,topup:2'), CATALOG, 'KES');
    expect(parts.map((p) => [p.sku, p.share, p.amount])).toEqual([
      ['KE-SAFARICOM-PIN-50', 0.4, 5000],
      ['KE-AIRTEL-PIN-50', 0.4, 5000],
      ['KE-SAFARICOM-TOPUP', 0.2, 1000],
    ]);
  });

  it('refuses a product of another currency, a bill, an unknown sku and a product named twice', () => {
    expect(() => resolveMix(parseMix('NG-MTN-PIN-100:1'), CATALOG, 'KES')).toThrow('sold in NGN');
    expect(() => resolveMix(parseMix('KE-KPLC-BILL:1'), CATALOG, 'KES')).toThrow('is a bill product');
    expect(() => resolveMix(parseMix('KE-NOPE-PIN:1'), CATALOG, 'KES')).toThrow(
      'no KES product for "KE-NOPE-PIN"',
    );
    expect(() => resolveMix(parseMix('pin:1,KE-AIRTEL-PIN-50:1'), CATALOG, 'KES')).toThrow('twice');
  });
});

describe(hotProduct.name, () => {
  it('sells only the first PIN product of the mix', () => {
    const parts = resolveMix(parseMix('topup:1,pin:1'), CATALOG, 'KES');
    expect(hotProduct(parts)).toEqual([expect.objectContaining({ sku: 'KE-SAFARICOM-PIN-50', share: 1 })]);
    expect(() => hotProduct(parts.filter((p) => p.kind === 'topup'))).toThrow('needs a PIN product');
  });
});
