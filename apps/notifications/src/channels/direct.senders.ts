import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { NotificationsConfig } from '../config/notifications.config';
import { DeliveryContentBuilder, type DeliveryContent } from '../deliveries/delivery-content';
import type { AttemptResult, ChannelSender, DeliveryRow } from '../deliveries/delivery.row';
import { renderPdf } from '@tillpoint/receipts';
import { renderSlipDocument } from '@tillpoint/receipts';
import { SmsDriver } from './sms.driver';

function failure(error: unknown): AttemptResult {
  const e = error as { code?: string; responseCode?: number; message?: string };
  return { ok: false, statusCode: e.responseCode, error: (e.code ?? e.message ?? 'failed').slice(0, 300) };
}

/** The customer's receipt (the 48-column slip as text, the PDF attached) or the dealer's low-float alert. */
@Injectable()
export class EmailSender implements ChannelSender, OnApplicationShutdown {
  private readonly transport?: Transporter;

  constructor(
    private readonly config: NotificationsConfig,
    private readonly content: DeliveryContentBuilder,
  ) {
    if (config.smtpUrl) this.transport = createTransport(config.smtpUrl);
  }

  async send(delivery: DeliveryRow): Promise<AttemptResult> {
    if (!this.transport || !delivery.recipient) return { ok: false, error: 'e-mail is switched off' };
    try {
      const mail = await this.compose(await this.content.build(delivery));
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error(`timed out after ${this.config.deliveryTimeoutMs} ms`)),
          this.config.deliveryTimeoutMs,
        ).unref(),
      );
      await Promise.race([
        this.transport.sendMail({ from: this.config.mailFrom, to: delivery.recipient, ...mail }),
        timeout,
      ]);
      return { ok: true, statusCode: 250 };
    } catch (error) {
      return failure(error);
    }
  }

  private async compose(content: DeliveryContent) {
    if (content.kind === 'float.low') {
      const { alert } = content;
      return {
        subject: `Low float: ${alert.availableText} available`,
        text: `Your float (${alert.dealer}) is down to ${alert.availableText}, below your alert level of ${alert.thresholdText}.\nTop it up to keep selling.\n`,
      };
    }
    const doc = content.document;
    return {
      subject: `Your ${doc.product.operatorName} receipt ${doc.saleId}`,
      text: renderSlipDocument(doc, 48),
      attachments: [{ filename: `receipt-${doc.saleId}.pdf`, content: await renderPdf(doc) }],
    };
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

/** The customer's PIN (or top-up reference) by SMS, through whichever driver SMS_DRIVER chose. */
@Injectable()
export class SmsSender implements ChannelSender {
  constructor(
    private readonly driver: SmsDriver,
    private readonly content: DeliveryContentBuilder,
  ) {}

  async send(delivery: DeliveryRow): Promise<AttemptResult> {
    try {
      const content = await this.content.build(delivery);
      if (content.kind !== 'receipt' || !delivery.recipient) return { ok: false, error: 'nothing to send' };
      const doc = content.document;
      const voucher = doc.pin ? `PIN ${doc.pin}` : `Ref ${doc.operatorRef ?? doc.saleId}`;
      const parts = [
        `${doc.product.operatorName} ${doc.amountText}`,
        voucher,
        doc.serial && `Serial ${doc.serial}`,
      ];
      const text = [...parts, doc.redeemInstructions, `Sale ${doc.saleId}`].filter(Boolean).join('. ');
      await this.driver.send(delivery.recipient, text);
      return { ok: true };
    } catch (error) {
      return failure(error);
    }
  }
}
