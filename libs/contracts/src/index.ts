export * from './messaging/contract';
export * from './messaging/message-error';
export * from './messaging/messaging.errors';
export * from './platform/service-name';
export * from './platform/ping';
export * from './money/minor-units';
export * from './ledger';
