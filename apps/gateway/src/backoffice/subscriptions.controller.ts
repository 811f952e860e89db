import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateSubscription,
  DeleteSubscription,
  ListAttempts,
  ListDeliveries,
  ListSubscriptions,
  Redeliver,
  type AttemptView,
  type DeliveryView,
  type Principal,
  type SubscriptionCreatedReply,
  type SubscriptionView,
} from '@tillpoint/contracts';
import { MessageClient } from '@tillpoint/messaging';
import { CurrentPrincipal, Roles } from '../access/access.decorators';
import { AccessGuard } from '../access/access.guard';
import { Answer, Problems } from '../docs/api-docs';
import { UuidPipe } from '../http/params';
import { DeliveriesQuery, LimitQuery, SubscriptionBody } from './backoffice.bodies';

/** Webhook subscriptions and their deliveries: notifications owns and scopes them. */
@ApiBearerAuth('session')
@ApiTags('webhooks')
@Controller('admin')
@UseGuards(AccessGuard)
@Roles('platform-admin', 'operator', 'dealer-admin')
export class SubscriptionsController {
  constructor(private readonly client: MessageClient) {}

  @Post('subscriptions')
  @ApiOperation({ summary: 'Subscribe a URL to events; the signing secret is answered once' })
  @Answer(201, '{subscription, secret}')
  @Problems(403, 422)
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: SubscriptionBody,
  ): Promise<SubscriptionCreatedReply> {
    return this.client.request(CreateSubscription, { principal, ...body });
  }

  @Get('subscriptions')
  @ApiOperation({ summary: 'The subscriptions the caller owns (a platform admin: all)' })
  @Answer(200, '{subscriptions}')
  @Problems()
  list(@CurrentPrincipal() principal: Principal): Promise<{ subscriptions: SubscriptionView[] }> {
    return this.client.request(ListSubscriptions, { principal });
  }

  @Delete('subscriptions/:id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop a subscription (its log stays)' })
  @Answer(200, 'SubscriptionView')
  @Problems(404)
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) subscriptionId: string,
  ): Promise<SubscriptionView> {
    return this.client.request(DeleteSubscription, { principal, subscriptionId });
  }

  @Get('subscriptions/:id/attempts')
  @ApiOperation({ summary: "A subscription's delivery log, newest first" })
  @Answer(200, '{attempts}')
  @Problems(404)
  attempts(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) subscriptionId: string,
    @Query() query: LimitQuery,
  ): Promise<{ attempts: AttemptView[] }> {
    return this.client.request(ListAttempts, { principal, subscriptionId, limit: query.limit });
  }

  @Get('deliveries')
  @ApiOperation({ summary: 'Deliveries the caller may see, by status and subscription' })
  @Answer(200, '{deliveries}')
  @Problems()
  deliveries(
    @CurrentPrincipal() principal: Principal,
    @Query() query: DeliveriesQuery,
  ): Promise<{ deliveries: DeliveryView[] }> {
    return this.client.request(ListDeliveries, { principal, ...query });
  }

  @Post('deliveries/:id/redeliver')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put a parked delivery back in the queue' })
  @Answer(200, 'DeliveryView')
  @Problems(404, 409)
  redeliver(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) deliveryId: string,
  ): Promise<DeliveryView> {
    return this.client.request(Redeliver, { principal, deliveryId });
  }
}
