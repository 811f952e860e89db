import type { Principal } from '@tillpoint/contracts';
import { reprintAccess, type ReceiptRow } from './receipt.row';

const row = (state = 'COMPLETED'): ReceiptRow =>
  ({
    sale_id: 's-1',
    state,
    dealer_id: 'd-kibera-shop',
    dealer_path: ['d-nairobi-dist', 'd-kibera-shop'],
    terminal_id: 't-kibera-shop-1',
    operator_id: 'ke-safaricom',
  }) as ReceiptRow;

const terminal = (terminalId: string): Principal => ({ role: 'terminal', subject: 'c', terminalId });
const dealerAdmin = (dealerId: string): Principal => ({ role: 'dealer-admin', subject: 'u', dealerId });

describe(reprintAccess.name, () => {
  it('gives the selling terminal and dealer the PIN, the dealers above it the PIN masked', () => {
    expect(reprintAccess(terminal('t-kibera-shop-1'), row())).toBe('full');
    expect(reprintAccess(dealerAdmin('d-kibera-shop'), row())).toBe('full');
    expect(reprintAccess(dealerAdmin('d-nairobi-dist'), row())).toBe('masked');
  });

  it('gives nothing to other terminals, other dealers, operators and platform admins', () => {
    expect(reprintAccess(terminal('t-kibera-shop-2'), row())).toBeUndefined();
    expect(reprintAccess(dealerAdmin('d-westlands-mart'), row())).toBeUndefined();
    expect(
      reprintAccess({ role: 'operator', subject: 'o', operatorId: 'ke-safaricom' }, row()),
    ).toBeUndefined();
    expect(reprintAccess({ role: 'platform-admin', subject: 'a' }, row())).toBeUndefined();
  });

  it('masks a reversed sale PIN for everyone', () => {
    expect(reprintAccess(terminal('t-kibera-shop-1'), row('REVERSED'))).toBe('masked');
  });
});
