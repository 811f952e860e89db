import type { ReceiptDocument, SaleReceipt } from '@tillpoint/contracts';
import { formatDate, formatDateTime, formatMoney, maskPin } from './format';

export interface DocumentOptions {
  /** The opened PIN, if the receiver may see it; with `maskPin` only its last digits are shown. */
  pin?: string;
  maskPin?: boolean;
  /** A reprint: the same receipt, marked as a copy. */
  copy?: boolean;
  /** Operators do not see the dealer's float. */
  hideBalance?: boolean;
}

function validity(receipt: SaleReceipt): string | undefined {
  if (receipt.pinExpiresAt) return `until ${formatDate(receipt.pinExpiresAt, receipt.seller.timeZone)}`;
  const days = receipt.product.validityDays;
  return days === undefined ? undefined : `${days} days`;
}

/**
 * The receipt as data, a pure function of the sale (and the PIN opened by the caller), so that the slip,
 * the PDF, webhooks and the POS client all print the same thing.
 */
export function receiptDocument(receipt: SaleReceipt, options: DocumentOptions = {}): ReceiptDocument {
  const { seller, product } = receipt;
  const pin = options.pin === undefined ? undefined : options.maskPin ? maskPin(options.pin) : options.pin;
  return {
    saleId: receipt.saleId,
    clientRef: receipt.clientRef,
    state: receipt.state,
    copy: options.copy ?? false,
    dealer: { id: seller.dealerId, name: seller.dealerName },
    terminalId: seller.terminalId,
    cashierId: seller.cashierId,
    dateTime: formatDateTime(receipt.completedAt, seller.timeZone),
    timeZone: seller.timeZone,
    completedAt: receipt.completedAt,
    reversedAt: receipt.reversedAt,
    product: {
      sku: product.sku,
      kind: product.kind,
      name: product.name,
      operatorId: product.operatorId,
      operatorName: product.operatorName,
    },
    account: receipt.account,
    currency: receipt.currency,
    amount: receipt.amount,
    amountText: formatMoney(receipt.amount, receipt.currency),
    pin,
    pinMasked: pin === undefined ? undefined : (options.maskPin ?? false),
    serial: receipt.serial,
    operatorRef: receipt.operatorRef,
    validity: validity(receipt),
    redeemInstructions: product.redeemInstructions,
    balanceAfter: options.hideBalance ? undefined : receipt.balanceAfter,
    balanceAfterText: options.hideBalance ? undefined : formatMoney(receipt.balanceAfter, seller.currency),
  };
}
