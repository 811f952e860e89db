import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PostTransfer, type TransferView, PostTransferRequest } from '@tillpoint/contracts';
import { TransfersService } from './transfers.service';

@Controller()
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  /** No inbox: the transfer id makes a redelivery find the transfer it posted (or post it, if it never was). */
  @MessagePattern(PostTransfer.name)
  post(@Payload() request: PostTransferRequest): Promise<TransferView> {
    return this.transfers.post(request);
  }
}
