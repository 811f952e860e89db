import { Injectable } from '@nestjs/common';
import { WebhookHeaders } from '@tillpoint/contracts';
import { DataSource } from 'typeorm';
import { NotificationsConfig } from '../config/notifications.config';
import { Sealer } from '../config/sealer';
import type { Sealed } from '@tillpoint/runtime';
import { DeliveryContentBuilder } from './delivery-content';
import type { AttemptResult, ChannelSender, DeliveryRow } from './delivery.row';
import { signWebhook } from './webhook-signature';

interface Target {
  url: string;
  owner_kind: 'dealer' | 'operator';
  secret_sealed: Sealed;
  active: boolean;
}

/** POSTs a signed JSON event to a subscription's URL; any 2xx is delivered, anything else a failure. */
@Injectable()
export class WebhookSender implements ChannelSender {
  constructor(
    private readonly dataSource: DataSource,
    private readonly content: DeliveryContentBuilder,
    private readonly sealer: Sealer,
    private readonly config: NotificationsConfig,
  ) {}

  async send(delivery: DeliveryRow): Promise<AttemptResult> {
    const [target] = await this.dataSource.query<Target[]>(
      'SELECT url, owner_kind, secret_sealed, active FROM subscriptions WHERE id = $1',
      [delivery.subscription_id],
    );
    if (!target?.active) return { ok: false, cancelled: true, error: 'subscription deleted' };
    const content = await this.content.build(delivery, { hideBalance: target.owner_kind === 'operator' });
    const data = content.kind === 'receipt' ? { receipt: content.document } : { alert: content.alert };
    const body = JSON.stringify({
      id: delivery.event_id,
      type: delivery.event_type,
      occurredAt: delivery.occurred_at.toISOString(),
      data,
    });
    const signature = signWebhook(
      this.sealer.open(target.secret_sealed),
      body,
      Math.floor(Date.now() / 1000),
    );
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.deliveryTimeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Tillpoint-Webhooks/1',
          [WebhookHeaders.signature]: signature,
          [WebhookHeaders.eventId]: delivery.event_id,
          [WebhookHeaders.eventType]: delivery.event_type,
        },
      });
      await response.body?.cancel();
      const ok = response.status >= 200 && response.status < 300;
      return { ok, statusCode: response.status, error: ok ? undefined : `HTTP ${response.status}` };
    } catch (error) {
      return { ok: false, error: describe(error, this.config.deliveryTimeoutMs) };
    }
  }
}

/** Why a call failed, without anything of the request in it. */
function describe(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  return (e.cause?.code ?? e.cause?.message ?? e.message ?? 'failed').slice(0, 300);
}
