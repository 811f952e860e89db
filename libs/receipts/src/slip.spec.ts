import { currencyExponent, type SaleReceipt } from '@tillpoint/contracts';
import { brandOf, loadCatalog, type CatalogProduct } from '../test/catalog';
import { saleReceipt } from '@tillpoint/testing';
import { renderSlip, wrap } from './slip';

const catalog = loadCatalog();
const currencies = [...new Set(catalog.operators.map((o) => o.currency))];

/** The product sold at its largest amount, in `currency`, with every optional field at its longest. */
function receiptFor(product: CatalogProduct, currency: string, state: SaleReceipt['state']): SaleReceipt {
  const brand = brandOf(catalog, product);
  const amount = String(product.faceValue ?? product.maxAmount);
  return saleReceipt({
    state,
    currency,
    amount,
    cost: amount,
    commission: '0',
    balanceAfter: '922337203685477580',
    seller: {
      ...saleReceipt().seller,
      currency,
      dealerName: 'Nairobi Airtime Distributors and Sons Wholesale Trading Company Limited',
      terminalId: 't-westlands-mart-1-backoffice-counter-number-two',
    },
    product: {
      sku: product.sku,
      kind: product.kind,
      name: `${brand.name} ${product.sku} ${product.kind === 'pin' ? 'airtime voucher' : 'payment'}`,
      operatorId: brand.id,
      operatorName: brand.name,
      validityDays: product.validityDays,
      redeemInstructions: product.redeemInstructions,
    },
    serial: product.kind === 'pin' ? 'SERIAL-1234567890-ABCDEFGHIJKL' : undefined,
    operatorRef: product.kind === 'pin' ? undefined : `OPREF-${'9'.repeat(60)}`,
    reversedAt: state === 'REVERSED' ? '2026-12-03T21:00:00.000Z' : undefined,
  });
}

describe(renderSlip.name, () => {
  it.each([32, 48] as const)(
    'never exceeds %i columns, for every catalog product in every catalog currency',
    (width) => {
      let slips = 0;
      for (const product of catalog.products) {
        for (const currency of currencies) {
          for (const state of ['COMPLETED', 'REVERSED'] as const) {
            for (const copy of [false, true]) {
              const slip = renderSlip(receiptFor(product, currency, state), {
                width,
                copy,
                pin: '12345678901234567890',
              });
              const lines = slip.trimEnd().split('\n');
              const widest = Math.max(...lines.map((line) => line.length));
              if (widest > width) throw new Error(`${product.sku} ${currency}: a line of ${widest}\n${slip}`);
              expect(slip).toContain(product.sku);
              slips++;
            }
          }
        }
      }
      expect(slips).toBe(catalog.products.length * currencies.length * 4);
    },
  );

  it('right-aligns the amount, formatted with the currency exponent', () => {
    const jpy = renderSlip(saleReceipt({ currency: 'JPY', amount: '3000' }), { width: 32 });
    const kwd = renderSlip(saleReceipt({ currency: 'KWD', amount: '2500' }), { width: 48 });
    const kes = renderSlip(saleReceipt({ amount: '123456789' }), { width: 32 });
    expect(currencyExponent('KWD')).toBe(3);
    expect(jpy).toMatch(/^Amount {17}JPY 3,000$/m);
    expect(kwd).toMatch(/^Amount {33}KWD 2\.500$/m);
    expect(kes).toMatch(/^Amount {10}KES 1,234,567\.89$/m);
  });

  it('dates the sale in the dealer time zone', () => {
    const nairobi = renderSlip(saleReceipt(), { width: 48 });
    const tokyo = renderSlip(saleReceipt({ seller: { ...saleReceipt().seller, timeZone: 'Asia/Tokyo' } }), {
      width: 48,
    });
    expect(nairobi).toContain('03 Dec 2026, 23:55:41');
    expect(tokyo).toContain('04 Dec 2026, 05:55:41');
  });

  it('marks copies and reversals, and prints the PIN, serial, validity, instructions and balance', () => {
    const slip = renderSlip(saleReceipt({ state: 'REVERSED' }), { width: 32, copy: true, pin: '1234567890' });
    expect(slip).toContain('*** COPY ***');
    expect(slip).toContain('*** REVERSED ***');
    expect(slip).toMatch(/^PIN {19}1234567890$/m);
    expect(slip).toContain('SAF0000001');
    expect(slip).toContain('until 30 Nov 2027');
    expect(slip).toContain('Dial *141*PIN#');
    expect(slip).toMatch(/Balance after +KES 1,199,953\.00$/m);
    expect(renderSlip(saleReceipt(), { width: 32 })).not.toContain('COPY');
  });

  it('masks a PIN to its last four digits when asked', () => {
    const slip = renderSlip(saleReceipt(), { width: 32, pin: '1234567890', maskPin: true });
    expect(slip).toContain('******7890');
    expect(slip).not.toContain('1234567890');
  });
});

describe(wrap.name, () => {
  it('wraps on spaces and cuts a word longer than the line', () => {
    expect(wrap('Dial *141* then the PIN', 10)).toEqual(['Dial *141*', 'then the', 'PIN']);
    expect(wrap('ABCDEFGHIJKLMNOPQRSTUVWXY z', 10)).toEqual(['ABCDEFGHIJ', 'KLMNOPQRST', 'UVWXY z']);
  });
});
