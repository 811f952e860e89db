// Receipts as printed: pure functions of a sale's receipt (and its opened PIN), shared by the notifications
// service and the POS client so that the paper, the PDF and the JSON never disagree.
export * from './format';
export * from './receipt-document';
export * from './slip';
export * from './pdf';
