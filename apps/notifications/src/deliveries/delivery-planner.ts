import { Injectable, Logger } from '@nestjs/common';
import type { FloatLowEvent, SaleReceipt, WebhookEvent } from '@tillpoint/contracts';
import type { EntityManager } from 'typeorm';
import { NotificationsConfig } from '../config/notifications.config';
import { notificationMetrics } from '../notifications.metrics';

/** The fact being delivered: its id is what every receiver deduplicates by. */
export interface SourceEvent {
  id: string;
  type: WebhookEvent;
  occurredAt: string;
}

/**
 * Decides who gets what, inside the transaction that records the fact: one delivery row per subscription
 * (or e-mail / phone) and event, so a redelivered event adds nothing and a crash loses nothing.
 */
@Injectable()
export class DeliveryPlanner {
  private readonly log = new Logger(DeliveryPlanner.name);

  constructor(private readonly config: NotificationsConfig) {}

  /**
   * Webhooks of the selling dealer (PIN in full), of the dealers above it (masked) and of the product's
   * operator (masked); a reversal's PIN is quarantined, so it goes masked to all. The customer's copies
   * (e-mail, SMS, PIN in full) go for a completed sale only.
   */
  async planSale(manager: EntityManager, receipt: SaleReceipt, event: SourceEvent): Promise<void> {
    await manager.query(
      `INSERT INTO deliveries (id, channel, subscription_id, event_id, event_type, occurred_at, sale_id, pin_access)
       SELECT gen_random_uuid(), 'webhook', s.id, $1, $2, $3, $4,
              CASE WHEN s.owner_kind = 'dealer' AND s.owner_id = $5 AND $2 = 'sale.completed'
                   THEN 'full' ELSE 'masked' END
         FROM subscriptions s
        WHERE s.active AND $2 = ANY (s.events)
          AND ((s.owner_kind = 'dealer' AND s.owner_id = ANY ($6::text[]))
            OR (s.owner_kind = 'operator' AND s.owner_id = $7))
       ON CONFLICT DO NOTHING`,
      [
        event.id,
        event.type,
        event.occurredAt,
        receipt.saleId,
        receipt.seller.dealerId,
        receipt.seller.dealerPath,
        receipt.product.operatorId,
      ],
    );
    if (event.type !== 'sale.completed') return;
    const { email, phone } = receipt.customer ?? {};
    if (email) await this.direct(manager, 'email', email, event, { saleId: receipt.saleId });
    if (phone) await this.direct(manager, 'sms', phone, event, { saleId: receipt.saleId });
  }

  /** A low float: the dealer's own `float.low` webhooks and its e-mail address, if it gave one. */
  async planFloatLow(
    manager: EntityManager,
    alert: FloatLowEvent,
    dealerEmail: string | undefined,
    event: SourceEvent,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO deliveries (id, channel, subscription_id, event_id, event_type, occurred_at, pin_access, data)
       SELECT gen_random_uuid(), 'webhook', s.id, $1, 'float.low', $2, 'none', $3
         FROM subscriptions s
        WHERE s.active AND 'float.low' = ANY (s.events) AND s.owner_kind = 'dealer' AND s.owner_id = $4
       ON CONFLICT DO NOTHING`,
      [event.id, event.occurredAt, JSON.stringify(alert), alert.dealer],
    );
    if (dealerEmail) await this.direct(manager, 'email', dealerEmail, event, { alert });
    else this.log.warn(`low float of ${alert.dealer}: no e-mail address known for the dealer`);
  }

  private async direct(
    manager: EntityManager,
    channel: 'email' | 'sms',
    recipient: string,
    event: SourceEvent,
    what: { saleId?: string; alert?: FloatLowEvent },
  ): Promise<void> {
    const off = channel === 'email' ? !this.config.smtpUrl : this.config.smsDriver === 'off';
    if (off) {
      notificationMetrics.skipped.inc({ channel });
      return;
    }
    await manager.query(
      `INSERT INTO deliveries (id, channel, recipient, event_id, event_type, occurred_at, sale_id, pin_access, data)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT DO NOTHING`,
      [
        channel,
        recipient,
        event.id,
        event.type,
        event.occurredAt,
        what.saleId ?? null,
        what.saleId ? 'full' : 'none',
        what.alert ? JSON.stringify(what.alert) : null,
      ],
    );
  }
}
