import type { ReceiptCustomer, ReceiptProduct, SaleState, SellerContext } from '@tillpoint/contracts';

/** A sale as stored, with the columns of its PIN (if it has one) joined in. */
export interface SaleRow {
  id: string;
  terminal_id: string;
  client_ref: string;
  request_hash: string;
  state: SaleState;
  step: SaleStep;
  failure_code: string | null;
  kind: ReceiptProduct['kind'];
  sku: string;
  product: ReceiptProduct;
  operator_id: string;
  dealer_id: string;
  dealer_path: string[];
  seller: SellerContext;
  account: string;
  customer: ReceiptCustomer | null;
  currency: string;
  amount: string;
  cost: string;
  commission: string;
  catalog_version: number;
  pin_id: string | null;
  operator_ref: string | null;
  balance_before: string | null;
  balance_after: string | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  confirmed_at: Date | null;
  reversal_requested_at: Date | null;
  reversed_at: Date | null;
  serial: string | null;
  key_id: string | null;
  sealed: string | null;
  expires_on: string | null;
}

/**
 * How far a PENDING sale got, so the sweeper knows what to settle: `created` (a PIN may be reserved),
 * `held` (the float is held), `operator-done` (the operator succeeded: capture, never void).
 */
export type SaleStep = 'created' | 'held' | 'operator-done';

export const SALE_SELECT = `SELECT s.*, p.serial, p.key_id, p.sealed, to_char(p.expires_on, 'YYYY-MM-DD') AS expires_on
  FROM sales s LEFT JOIN pins p ON p.id = s.pin_id`;
