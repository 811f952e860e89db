import { onDealerPath, type Principal, type SaleReceipt } from '@tillpoint/contracts';

export interface ReceiptRow {
  sale_id: string;
  state: string;
  dealer_id: string;
  dealer_path: string[];
  terminal_id: string;
  operator_id: string;
  receipt: SaleReceipt;
}

/** How much of a PIN a receiver sees: the selling dealer and the customer all of it, others its end. */
export type PinAccess = 'full' | 'masked' | 'none';

/**
 * Who may have a copy of a receipt, and how much of its PIN: the selling terminal and the selling
 * dealer's admins see it all, admins of the dealers above it see it masked; anyone else gets nothing
 * (answered as not found). A reversed sale's PIN is quarantined: nobody sees more than its end.
 */
export function reprintAccess(principal: Principal, row: ReceiptRow): PinAccess | undefined {
  let access: PinAccess | undefined;
  if (principal.role === 'terminal' && principal.terminalId === row.terminal_id) access = 'full';
  else if (principal.role === 'dealer-admin' && principal.dealerId === row.dealer_id) access = 'full';
  else if (principal.role === 'dealer-admin' && onDealerPath(principal, row.dealer_path)) access = 'masked';
  if (access === 'full' && row.state === 'REVERSED') return 'masked';
  return access;
}
