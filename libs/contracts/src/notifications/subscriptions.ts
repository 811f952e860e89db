import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ORG_ID, Principal } from '../auth/principal';
import { defineCommand } from '../messaging/contract';

// Notifications: webhook subscriptions. Produced by the gateway's back-office API; consumed by notifications.

/** What a subscription can ask for; `float.low` is for dealers only. */
export const WEBHOOK_EVENTS = ['sale.completed', 'sale.reversed', 'float.low'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const SUBSCRIPTION_OWNERS = ['dealer', 'operator'] as const;
export type SubscriptionOwnerKind = (typeof SUBSCRIPTION_OWNERS)[number];

/** Header names of every webhook delivery. The receiver checks the signature (see the README). */
export const WebhookHeaders = {
  signature: 'Tillpoint-Signature',
  eventId: 'Tillpoint-Event-Id',
  eventType: 'Tillpoint-Event-Type',
} as const;

export class CreateSubscriptionRequest {
  @ValidateNested()
  @Type(() => Principal)
  principal: Principal;

  @IsString()
  @MaxLength(2000)
  url: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: WebhookEvent[];

  /** A platform admin acting for a dealer or an operator names exactly one; others own their own. */
  @IsOptional()
  @Matches(ORG_ID)
  dealerId?: string;

  @IsOptional()
  @Matches(ORG_ID)
  operatorId?: string;
}

export class ListSubscriptionsRequest {
  @ValidateNested()
  @Type(() => Principal)
  principal: Principal;
}

export class DeleteSubscriptionRequest {
  @ValidateNested()
  @Type(() => Principal)
  principal: Principal;

  @IsUUID()
  subscriptionId: string;
}

export interface SubscriptionView {
  id: string;
  ownerKind: SubscriptionOwnerKind;
  ownerId: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  createdAt: string;
}

/** The signing secret is given once, on creation, and never again. */
export interface SubscriptionCreatedReply {
  subscription: SubscriptionView;
  secret: string;
}

export const CreateSubscription = defineCommand<CreateSubscriptionRequest, SubscriptionCreatedReply>(
  'notifications.subscription.create.v1',
  CreateSubscriptionRequest,
);
export const ListSubscriptions = defineCommand<
  ListSubscriptionsRequest,
  { subscriptions: SubscriptionView[] }
>('notifications.subscription.list.v1', ListSubscriptionsRequest);
/** Stops deliveries (pending ones included); the subscription and its delivery log stay visible. */
export const DeleteSubscription = defineCommand<DeleteSubscriptionRequest, SubscriptionView>(
  'notifications.subscription.delete.v1',
  DeleteSubscriptionRequest,
);
