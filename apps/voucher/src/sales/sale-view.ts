import type { SaleReceipt, SaleView } from '@tillpoint/contracts';
import type { PinCipher } from '@tillpoint/runtime';
import type { SaleRow } from './sale.row';

const iso = (date: Date | null) => date?.toISOString();

/** The receipt of a sale that went through, with its PIN sealed (as events and stored copies carry it). */
export function saleReceipt(row: SaleRow): SaleReceipt {
  return {
    saleId: row.id,
    clientRef: row.client_ref,
    state: row.state,
    seller: row.seller,
    product: row.product,
    account: row.account,
    currency: row.currency,
    amount: row.amount,
    cost: row.cost,
    commission: row.commission,
    pin: row.key_id && row.sealed ? { keyId: row.key_id, sealed: row.sealed } : undefined,
    serial: row.serial ?? undefined,
    // A PIN is redeemable to the end of its expiry day.
    pinExpiresAt: row.expires_on ? `${row.expires_on}T23:59:59.999Z` : undefined,
    operatorRef: row.operator_ref ?? undefined,
    balanceBefore: row.balance_before ?? '0',
    balanceAfter: row.balance_after ?? '0',
    catalogVersion: row.catalog_version,
    completedAt: iso(row.completed_at)!,
    reversedAt: iso(row.reversed_at),
    customer: row.customer ?? undefined,
  };
}

/**
 * A sale as it stands. The PIN is opened only for the selling terminal's answer (`cipher` given); no other
 * reader sees it, and nothing stores this view.
 */
export function saleView(row: SaleRow, cipher?: PinCipher): SaleView {
  const view: SaleView = {
    saleId: row.id,
    clientRef: row.client_ref,
    state: row.state,
    failureCode: row.failure_code ?? undefined,
    createdAt: row.created_at.toISOString(),
  };
  if (!row.completed_at) return view;
  const { pin, ...receipt } = saleReceipt(row);
  // A reversed sale's PIN is quarantined (or, once released, someone else's): never shown again.
  const live = row.state === 'COMPLETED' || row.state === 'CONFIRMED';
  return {
    ...view,
    receipt: { ...receipt, pin: pin && cipher && live ? cipher.open(pin) : undefined },
    balanceBefore: receipt.balanceBefore,
    balanceAfter: receipt.balanceAfter,
  };
}
