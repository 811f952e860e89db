export * from './sale-receipt';
export * from './sale.events';
export * from './voucher.errors';
export * from './catalog';
export * from './sale.commands';
export * from './stock';
export * from './sales-reports';
