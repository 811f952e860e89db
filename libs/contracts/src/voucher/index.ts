export * from './sale-receipt';
export * from './sale.events';
