import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { Principal } from '../auth/principal';
import { defineCommand } from '../messaging/contract';

// Notifications: the delivery queue and its log. Produced by the gateway's back-office API; consumed by
// notifications.

export const DELIVERY_STATUSES = ['pending', 'delivered', 'parked', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_CHANNELS = ['webhook', 'email', 'sms'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export class ListDeliveriesRequest {
  @ValidateNested()
  @Type(() => Principal)
  principal: Principal;

  /** Without it: every delivery the principal may see (a platform admin: all, e-mail and SMS included). */
  @IsOptional()
  @IsUUID()
  subscriptionId?: string;

  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ListAttemptsRequest {
  @ValidateNested()
  @Type(() => Principal)
  principal: Principal;

  @IsUUID()
  subscriptionId: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class RedeliverRequest {
  @ValidateNested()
  @Type(() => Principal)
  principal: Principal;

  @IsUUID()
  deliveryId: string;
}

export interface DeliveryView {
  id: string;
  channel: DeliveryChannel;
  subscriptionId?: string;
  /** The id the receiver deduplicates by: the source event's id, the same on every attempt. */
  eventId: string;
  eventType: string;
  saleId?: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt?: string;
  lastStatusCode?: number;
  lastError?: string;
  deliveredAt?: string;
  createdAt: string;
}

/** One try: the HTTP status (absent when no answer came), how long it took, and why it failed. */
export interface AttemptView {
  deliveryId: string;
  eventId: string;
  attempt: number;
  at: string;
  statusCode?: number;
  latencyMs: number;
  ok: boolean;
  error?: string;
}

export const ListDeliveries = defineCommand<ListDeliveriesRequest, { deliveries: DeliveryView[] }>(
  'notifications.delivery.list.v1',
  ListDeliveriesRequest,
);
/** The delivery log of one subscription: every attempt, newest first. */
export const ListAttempts = defineCommand<ListAttemptsRequest, { attempts: AttemptView[] }>(
  'notifications.delivery.attempts.v1',
  ListAttemptsRequest,
);
/** Puts a parked delivery back in the queue, due now, with a fresh allowance of attempts. */
export const Redeliver = defineCommand<RedeliverRequest, DeliveryView>(
  'notifications.delivery.redeliver.v1',
  RedeliverRequest,
);
