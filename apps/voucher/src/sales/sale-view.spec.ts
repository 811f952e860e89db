import { PinCipher } from '@tillpoint/runtime';
import { saleReceipt, saleView } from './sale-view';
import type { SaleRow } from './sale.row';
import { canRead } from './sale-scope';

const cipher = new PinCipher('dev1:6sO3cFQ8b0dnQ3lDk1x2m9y1eR0bZQv7l3rWcY0a5mE=');
const sealed = cipher.seal('123456789012');
const row = (state: SaleRow['state']): SaleRow =>
  ({
    id: 'a7c1e1de-0000-4000-8000-000000000001',
    terminal_id: 't-kibera-shop-1',
    client_ref: 'r1',
    state,
    failure_code: null,
    kind: 'pin',
    operator_id: 'ke-safaricom',
    dealer_path: ['d-nairobi-dist', 'd-kibera-shop'],
    product: {
      sku: 'KE-SAFARICOM-PIN-50',
      kind: 'pin',
      name: 'x',
      operatorId: 'ke-safaricom',
      operatorName: 'S',
    },
    seller: {} as SaleRow['seller'],
    account: '+254712885265',
    customer: null,
    currency: 'KES',
    amount: '5000',
    cost: '4700',
    commission: '300',
    catalog_version: 1,
    operator_ref: null,
    balance_before: '10000',
    balance_after: '5300',
    created_at: new Date(),
    completed_at: new Date(),
    reversed_at: state === 'REVERSED' ? new Date() : null,
    serial: 'S1',
    key_id: sealed.keyId,
    sealed: sealed.sealed,
    expires_on: '2027-11-30',
  }) as SaleRow;

describe(saleView.name, () => {
  it('opens the PIN only for the selling terminal (given the cipher) of a sale that stands', () => {
    expect(saleView(row('COMPLETED'), cipher).receipt?.pin).toBe('123456789012');
    expect(saleView(row('CONFIRMED'), cipher).receipt?.pin).toBe('123456789012');
    expect(saleView(row('COMPLETED')).receipt?.pin).toBeUndefined();
    expect(saleView(row('REVERSED'), cipher).receipt?.pin).toBeUndefined();
  });

  it('gives events the PIN sealed, never in clear', () => {
    const receipt = saleReceipt(row('COMPLETED'));
    expect(receipt.pin).toEqual(sealed);
    expect(JSON.stringify(receipt)).not.toContain('123456789012');
  });
});

describe(canRead.name, () => {
  it('lets a dealer-admin up the tree, the operator and the terminal read a sale, and nobody else', () => {
    const sale = row('COMPLETED');
    expect(canRead({ role: 'dealer-admin', subject: 'u', dealerId: 'd-nairobi-dist' }, sale)).toBe(true);
    expect(canRead({ role: 'dealer-admin', subject: 'u', dealerId: 'd-westlands-mart' }, sale)).toBe(false);
    expect(canRead({ role: 'operator', subject: 'u', operatorId: 'ke-safaricom' }, sale)).toBe(true);
    expect(canRead({ role: 'operator', subject: 'u', operatorId: 'ke-airtel' }, sale)).toBe(false);
    expect(canRead({ role: 'operator', subject: 'u' }, sale)).toBe(false);
    expect(canRead({ role: 'terminal', subject: 'c', terminalId: 't-kibera-shop-2' }, sale)).toBe(false);
    expect(canRead({ role: 'platform-admin', subject: 'a' }, sale)).toBe(true);
  });
});
