import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  DealerChangedEvent,
  DealerCreated,
  DealerUpdated,
  FloatLow,
  FloatLowEvent,
} from '@tillpoint/contracts';
import { MessageContext } from '@tillpoint/messaging';
import { DealersService } from './dealers.service';

@Controller()
export class DealersController {
  constructor(private readonly dealers: DealersService) {}

  @MessagePattern(DealerCreated.name)
  created(@Payload() event: DealerChangedEvent, @Ctx() ctx: MessageContext): Promise<void> {
    return this.dealers.upsert(event.dealer, ctx);
  }

  @MessagePattern(DealerUpdated.name)
  updated(@Payload() event: DealerChangedEvent, @Ctx() ctx: MessageContext): Promise<void> {
    return this.dealers.upsert(event.dealer, ctx);
  }

  @MessagePattern(FloatLow.name)
  floatLow(@Payload() event: FloatLowEvent, @Ctx() ctx: MessageContext): Promise<void> {
    return this.dealers.floatLow(event, ctx);
  }
}
