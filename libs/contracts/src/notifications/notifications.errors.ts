// Wire codes: produced by the notifications service, consumed by the gateway (mapped to HTTP problems).
export const NotificationErrors = {
  /** No receipt with this sale id that the principal may see (out of scope answers the same). */
  RECEIPT_NOT_FOUND: 'NOTIFICATIONS.RECEIPT_NOT_FOUND',
  SUBSCRIPTION_NOT_FOUND: 'NOTIFICATIONS.SUBSCRIPTION_NOT_FOUND',
  DELIVERY_NOT_FOUND: 'NOTIFICATIONS.DELIVERY_NOT_FOUND',
  /** The webhook URL is not an absolute http(s) URL. */
  INVALID_URL: 'NOTIFICATIONS.INVALID_URL',
  /** An event type the owner cannot subscribe to (`float.low` is for dealers only), or none, or twice. */
  INVALID_EVENTS: 'NOTIFICATIONS.INVALID_EVENTS',
  /** The principal's role cannot own subscriptions, or a platform admin named no single owner. */
  OWNER_REQUIRED: 'NOTIFICATIONS.OWNER_REQUIRED',
  /** The receipt's PIN was sealed under a key no longer in PIN_KEYS (rotated out too early). */
  PIN_UNREADABLE: 'NOTIFICATIONS.PIN_UNREADABLE',
  /** Only a parked delivery can be asked for again. */
  DELIVERY_NOT_PARKED: 'NOTIFICATIONS.DELIVERY_NOT_PARKED',
} as const;
export type NotificationErrorCode = (typeof NotificationErrors)[keyof typeof NotificationErrors];
