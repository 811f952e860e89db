import { Module } from '@nestjs/common';
import { EmailSender, SmsSender } from './channels/direct.senders';
import { DealersController } from './dealers/dealers.controller';
import { DealersService } from './dealers/dealers.service';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { DeliveriesService } from './deliveries/deliveries.service';
import { DeliveryContentBuilder } from './deliveries/delivery-content';
import { DeliveryPlanner } from './deliveries/delivery-planner';
import { DeliveryWorker } from './deliveries/delivery-worker';
import { WebhookSender } from './deliveries/webhook.sender';
import { ReceiptRenderer } from './receipts/receipt-renderer';
import { ReceiptsController } from './receipts/receipts.controller';
import { ReceiptsService } from './receipts/receipts.service';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsService } from './subscriptions/subscriptions.service';

/** Receipts, subscriptions, the delivery queue and its channels, and the dealers projection for alerts. */
@Module({
  controllers: [ReceiptsController, SubscriptionsController, DeliveriesController, DealersController],
  providers: [
    ReceiptRenderer,
    ReceiptsService,
    SubscriptionsService,
    DeliveriesService,
    DeliveryPlanner,
    DeliveryContentBuilder,
    DeliveryWorker,
    WebhookSender,
    EmailSender,
    SmsSender,
    DealersService,
  ],
})
export class NotificationsModule {}
