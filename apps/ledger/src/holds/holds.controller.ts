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

  @MessagePattern(CreateHold.name)
  create(@Payload() request: CreateHoldRequest, @Ctx() ctx: MessageContext): Promise<HoldView> {
    return this.holds.create(request, ctx);
  }

  @MessagePattern(CaptureHold.name)
  capture(@Payload() request: CaptureHoldRequest, @Ctx() ctx: MessageContext): Promise<HoldView> {
    return this.holds.capture(request, ctx);
  }

  @MessagePattern(VoidHold.name)
  void(@Payload() request: VoidHoldRequest, @Ctx() ctx: MessageContext): Promise<HoldView> {
    return this.holds.void(request, ctx);
  }
}
