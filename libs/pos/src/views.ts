import type { SaleState, TerminalReceipt } from '@tillpoint/contracts';

// The gateway's answers as the terminal reads them (/tmp/api-routes.md, the POS routes).

export interface SaleView {
  saleId: string;
  clientRef: string;
  state: SaleState;
  failureCode?: string;
  receipt?: TerminalReceipt;
  balanceBefore?: string;
  balanceAfter?: string;
  createdAt?: string;
}

export interface PendingAnswer {
  clientRef: string;
  state: 'PENDING';
  saleId?: string;
}

export interface SaleRequestBody {
  clientRef: string;
  sku: string;
  account: string;
  amount?: string | number;
  catalogVersion?: number;
  customer?: { email?: string; phone?: string };
}

export interface BalanceView {
  dealerId: string;
  currency: string;
  posted: string;
  held: string;
  available: string;
}

export interface ProductsView {
  catalogVersion: number;
  products: Array<{
    sku: string;
    kind: string;
    name?: string;
    operator?: string;
    biller?: string;
    currency: string;
    faceValue?: string | number;
    minAmount?: string | number;
    maxAmount?: string | number;
    [field: string]: unknown;
  }>;
}

export interface EndOfDayView {
  terminalId: string;
  date: string;
  currency: string;
  byState: Record<string, number>;
  bySku: Array<{ sku: string; count: number; amount: string; cost: string }>;
  totals: { count: number; amount: string; cost: string };
}

export interface SessionAnswer {
  token: string;
  expiresAt: string;
}

export const FINAL_STATES: readonly SaleState[] = ['COMPLETED', 'CONFIRMED', 'REVERSED', 'FAILED'];
