import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateSubscription,
  CreateSubscriptionRequest,
  DeleteSubscription,
  DeleteSubscriptionRequest,
  ListSubscriptions,
  ListSubscriptionsRequest,
  type SubscriptionCreatedReply,
  type SubscriptionView,
} from '@tillpoint/contracts';
import { SubscriptionsService } from './subscriptions.service';

@Controller()
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @MessagePattern(CreateSubscription.name)
  create(@Payload() request: CreateSubscriptionRequest): Promise<SubscriptionCreatedReply> {
    return this.subscriptions.create(request);
  }

  @MessagePattern(ListSubscriptions.name)
  list(@Payload() request: ListSubscriptionsRequest): Promise<{ subscriptions: SubscriptionView[] }> {
    return this.subscriptions.list(request.principal);
  }

  @MessagePattern(DeleteSubscription.name)
  delete(@Payload() request: DeleteSubscriptionRequest): Promise<SubscriptionView> {
    return this.subscriptions.delete(request);
  }
}
