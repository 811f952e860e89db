import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  CaptureHold,
  CreateHold,
  VoidHold,
  type HoldView,
  CaptureHoldRequest,
  CreateHoldRequest,
  VoidHoldRequest,
} from '@tillpoint/contracts';
import { MessageContext } from '@tillpoint/messaging';
import { HoldsService } from './holds.service';

@Controller()
export class HoldsController {
  constructor(private readonly holds: HoldsService) {}

  // No inbox for creates and captures: the hold id (and a capture's transfer id) makes a redelivery find
  // what the first run did and answer the same.
  @MessagePattern(CreateHold.name)
  create(@Payload() request: CreateHoldRequest): Promise<HoldView> {
    return this.holds.create(request);
  }

  @MessagePattern(CaptureHold.name)
  capture(@Payload() request: CaptureHoldRequest): Promise<HoldView> {
    return this.holds.capture(request);
  }

  @MessagePattern(VoidHold.name)
  void(@Payload() request: VoidHoldRequest, @Ctx() ctx: MessageContext): Promise<HoldView> {
    return this.holds.void(request, ctx);
  }
}
