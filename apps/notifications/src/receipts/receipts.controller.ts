import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  ReprintReceipt,
  ReprintReceiptRequest,
  SaleCompleted,
  SaleEvent,
  SaleReversed,
  type ReceiptReply,
} from '@tillpoint/contracts';
import { MessageContext } from '@tillpoint/messaging';
import { ReceiptsService } from './receipts.service';

@Controller()
export class ReceiptsController {
  constructor(private readonly receipts: ReceiptsService) {}

  @MessagePattern(SaleCompleted.name)
  completed(@Payload() event: SaleEvent, @Ctx() ctx: MessageContext): Promise<void> {
    return this.receipts.record(event.receipt, 'sale.completed', ctx);
  }

  @MessagePattern(SaleReversed.name)
  reversed(@Payload() event: SaleEvent, @Ctx() ctx: MessageContext): Promise<void> {
    return this.receipts.record(event.receipt, 'sale.reversed', ctx);
  }

  @MessagePattern(ReprintReceipt.name)
  reprint(@Payload() request: ReprintReceiptRequest): Promise<ReceiptReply> {
    return this.receipts.reprint(request);
  }
}
