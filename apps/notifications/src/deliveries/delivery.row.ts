import type { DeliveryChannel, DeliveryStatus, DeliveryView, FloatLowEvent } from '@tillpoint/contracts';
import type { PinAccess } from '../receipts/receipt.row';

export interface DeliveryRow {
  id: string;
  channel: DeliveryChannel;
  subscription_id: string | null;
  recipient: string | null;
  event_id: string;
  event_type: string;
  occurred_at: Date;
  sale_id: string | null;
  pin_access: PinAccess;
  data: FloatLowEvent | null;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

/** What one attempt came to; `error` never carries what was sent. */
export interface AttemptResult {
  ok: boolean;
  /** Nothing to send any more (the subscription was deleted): the delivery is cancelled, not retried. */
  cancelled?: boolean;
  statusCode?: number;
  error?: string;
}

/** Sends one delivery of its channel. */
export interface ChannelSender {
  send(delivery: DeliveryRow): Promise<AttemptResult>;
}

export function deliveryView(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    channel: row.channel,
    subscriptionId: row.subscription_id ?? undefined,
    eventId: row.event_id,
    eventType: row.event_type,
    saleId: row.sale_id ?? undefined,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : undefined,
    lastStatusCode: row.last_status_code ?? undefined,
    lastError: row.last_error ?? undefined,
    deliveredAt: row.delivered_at?.toISOString(),
    createdAt: row.created_at.toISOString(),
  };
}
