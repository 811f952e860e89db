import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { DealerChangedEvent, DealerCreated, DealerUpdated } from '@tillpoint/contracts';
import { MessageContext } from '@tillpoint/messaging';
import { DealerFloatsService } from './dealer-floats.service';

/** Consumes auth's dealer events. */
@Controller()
export class DealersController {
  constructor(private readonly floats: DealerFloatsService) {}

  @MessagePattern(DealerCreated.name)
  created(@Payload() event: DealerChangedEvent, @Ctx() ctx: MessageContext): Promise<void> {
    return this.floats.apply(event.dealer, ctx);
  }

  @MessagePattern(DealerUpdated.name)
  updated(@Payload() event: DealerChangedEvent, @Ctx() ctx: MessageContext): Promise<void> {
    return this.floats.apply(event.dealer, ctx);
  }
}
