import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  isRefusal,
  toWireError,
  PostTransfer,
  PostTransfers,
  PostTransferRequest,
  PostTransfersRequest,
  type PostTransfersView,
  type TransferView,
} from '@tillpoint/contracts';
import { TransfersService } from './transfers.service';

@Controller()
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  /** No inbox: the transfer id makes a redelivery find the transfer it posted (or post it, if it never was). */
  @MessagePattern(PostTransfer.name)
  post(@Payload() request: PostTransferRequest): Promise<TransferView> {
    return this.transfers.post(request);
  }

  /**
   * Several transfers, each answered as if it came alone (they join the same batches). A refusal is its
   * transfer's answer; anything else fails the message, to be retried whole (no inbox, as above).
   */
  @MessagePattern(PostTransfers.name)
  async postMany(@Payload() request: PostTransfersRequest): Promise<PostTransfersView> {
    const settled = await Promise.allSettled(request.transfers.map((t) => this.transfers.post(t)));
    return {
      results: settled.map((outcome) => {
        if (outcome.status === 'fulfilled') return { transfer: outcome.value };
        const error: unknown = outcome.reason;
        if (!isRefusal(error)) throw error;
        return { error: toWireError(error) };
      }),
    };
  }
}
