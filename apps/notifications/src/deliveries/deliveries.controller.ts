import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ListAttempts,
  ListAttemptsRequest,
  ListDeliveries,
  ListDeliveriesRequest,
  Redeliver,
  RedeliverRequest,
  type AttemptView,
  type DeliveryView,
} from '@tillpoint/contracts';
import { DeliveriesService } from './deliveries.service';

@Controller()
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @MessagePattern(ListDeliveries.name)
  list(@Payload() request: ListDeliveriesRequest): Promise<{ deliveries: DeliveryView[] }> {
    return this.deliveries.list(request);
  }

  @MessagePattern(ListAttempts.name)
  attempts(@Payload() request: ListAttemptsRequest): Promise<{ attempts: AttemptView[] }> {
    return this.deliveries.attempts(request);
  }

  @MessagePattern(Redeliver.name)
  redeliver(@Payload() request: RedeliverRequest): Promise<DeliveryView> {
    return this.deliveries.redeliver(request);
  }
}
