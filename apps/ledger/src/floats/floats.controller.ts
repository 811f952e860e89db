import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  CorrectFloat,
  TopUpFloat,
  type TransferView,
  CorrectFloatRequest,
  TopUpFloatRequest,
} from '@tillpoint/contracts';
import { MessageContext } from '@tillpoint/messaging';
import { FloatsService } from './floats.service';

@Controller()
export class FloatsController {
  constructor(private readonly floats: FloatsService) {}

  @MessagePattern(TopUpFloat.name)
  topUp(@Payload() request: TopUpFloatRequest, @Ctx() ctx: MessageContext): Promise<TransferView> {
    return this.floats.topUp(request, ctx);
  }

  @MessagePattern(CorrectFloat.name)
  correct(@Payload() request: CorrectFloatRequest, @Ctx() ctx: MessageContext): Promise<TransferView> {
    return this.floats.correct(request, ctx);
  }
}
