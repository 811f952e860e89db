import { ListAttempts, ListDeliveries, Redeliver } from './deliveries';
import { ReprintReceipt } from './receipts';
import { CreateSubscription, DeleteSubscription, ListSubscriptions } from './subscriptions';

export * from './notifications.errors';
export * from './receipts';
export * from './subscriptions';
export * from './deliveries';

/** Every command the notifications service consumes. */
export const NOTIFICATIONS_COMMANDS = [
  ReprintReceipt,
  CreateSubscription,
  ListSubscriptions,
  DeleteSubscription,
  ListDeliveries,
  ListAttempts,
  Redeliver,
];
