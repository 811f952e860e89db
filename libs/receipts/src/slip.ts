import type { ReceiptDocument, SaleReceipt, SlipWidth } from '@tillpoint/contracts';
import { receiptDocument, type DocumentOptions } from './receipt-document';

/** Word-wraps `text` to `width`; a word longer than the line is cut, so no line ever exceeds it. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let rest = word; rest.length > 0;) {
      const room = line ? width - line.length - 1 : width;
      if (rest.length <= room) {
        line = line ? `${line} ${rest}` : rest;
        rest = '';
      } else if (line) {
        lines.push(line);
        line = '';
      } else {
        lines.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
    }
  }
  if (line) lines.push(line);
  return lines;
}

function center(text: string, width: number): string[] {
  return wrap(text, width).map((line) => ' '.repeat(Math.floor((width - line.length) / 2)) + line);
}

/** A label on the left and its value right-aligned; on lines of their own when both do not fit. */
function pair(label: string, value: string, width: number): string[] {
  if (label.length + 1 + value.length <= width) {
    return [label + ' '.repeat(width - label.length - value.length) + value];
  }
  return [...wrap(label, width), ...wrap(value, width).map((line) => line.padStart(width))];
}

function optionalPair(label: string, value: string | undefined, width: number): string[] {
  return value === undefined ? [] : pair(label, value, width);
}

function header(doc: ReceiptDocument, width: number): string[] {
  return [
    ...center(doc.dealer.name, width),
    ...(doc.copy ? center('*** COPY ***', width) : []),
    ...(doc.state === 'REVERSED' ? center('*** REVERSED ***', width) : []),
    '-'.repeat(width),
    ...pair('Terminal', doc.terminalId, width),
    ...pair('Cashier', doc.cashierId, width),
    ...wrap(doc.dateTime, width),
    '-'.repeat(width),
  ];
}

function voucher(doc: ReceiptDocument, width: number): string[] {
  return [
    ...wrap(doc.product.operatorName, width),
    ...wrap(doc.product.name, width),
    ...pair('Account', doc.account, width),
    ...pair('Amount', doc.amountText, width),
    ...optionalPair('PIN', doc.pin, width),
    ...optionalPair('Serial', doc.serial, width),
    ...optionalPair('Operator ref', doc.operatorRef, width),
    ...optionalPair('Valid', doc.validity, width),
    ...(doc.redeemInstructions ? ['How to redeem:', ...wrap(doc.redeemInstructions, width)] : []),
    '-'.repeat(width),
  ];
}

function footer(doc: ReceiptDocument, width: number): string[] {
  return [
    ...pair('Sale ref', doc.saleId, width),
    ...pair('Client ref', doc.clientRef, width),
    ...optionalPair('Balance after', doc.balanceAfterText, width),
    ...(doc.copy ? center('*** COPY ***', width) : []),
  ];
}

/** The slip text of a receipt document for a thermal printer of `width` columns. */
export function renderSlipDocument(doc: ReceiptDocument, width: SlipWidth): string {
  return [...header(doc, width), ...voucher(doc, width), ...footer(doc, width)].join('\n') + '\n';
}

/**
 * The printer slip of a sale: a pure function of the receipt, the opened PIN, the width and the copy flag
 * (the POS client can print the same slip from a sale's answer).
 */
export function renderSlip(receipt: SaleReceipt, options: DocumentOptions & { width: SlipWidth }): string {
  return renderSlipDocument(receiptDocument(receipt, options), options.width);
}
