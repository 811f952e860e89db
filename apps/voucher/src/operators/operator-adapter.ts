import type { Product } from '../catalog/catalog.model';

export interface OperatorCall {
  saleId: string;
  product: Product;
  account: string;
  amount: bigint;
}

/**
 * What an operator (or biller) answered: `unknown` when it did not answer in time (the sale stays PENDING),
 * `not-found` when an enquiry finds no such transaction (it never happened).
 */
export type OperatorOutcome =
  | { status: 'succeeded'; operatorRef: string }
  | { status: 'declined'; reason: string }
  | { status: 'unknown' }
  | { status: 'not-found' };

/**
 * One interface for every operator and biller behind PIN-less top-ups and bill payments. `perform` is
 * called once per sale, after the float is held; `enquire` settles a sale whose outcome was lost.
 */
export abstract class OperatorAdapter {
  abstract perform(call: OperatorCall): Promise<OperatorOutcome>;
  abstract enquire(saleId: string): Promise<OperatorOutcome>;
}
