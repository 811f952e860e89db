import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { PostTransfer, type TransferView, PostTransferRequest } from '@tillpoint/contracts';
import { MessageContext } from '@tillpoint/messaging';
import { TransfersService } from './transfers.service';

@Controller()
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @MessagePattern(PostTransfer.name)
  post(@Payload() request: PostTransferRequest, @Ctx() ctx: MessageContext): Promise<TransferView> {
    return this.transfers.post(request, ctx);
  }
}
