export * from './eventually';
export * from './test-env';
export * from './broker-tap';
export * from './service-process';
export * from './server-control';
export * from './sale-receipt.factory';
export * from './secrets';
