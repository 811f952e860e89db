import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { DeliveryChannel } from '@tillpoint/contracts';
import { rows } from '@tillpoint/runtime';
import { DataSource } from 'typeorm';
import { EmailSender, SmsSender } from '../channels/direct.senders';
import { NotificationsConfig } from '../config/notifications.config';
import { notificationMetrics } from '../notifications.metrics';
import { backoffMs } from './backoff';
import type { AttemptResult, ChannelSender, DeliveryRow } from './delivery.row';
import { WebhookSender } from './webhook.sender';

const BATCH = 50;
/** A claimed delivery is not claimed again by anyone before this much more than the attempt's timeout. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Sends due deliveries, on every instance: each pass claims a batch with SKIP LOCKED and leases it (its
 * next_attempt_at moves past the attempt's timeout) in a short transaction, sends outside it, then
 * records the attempt and either marks it delivered, schedules the next try, or parks it.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger(DeliveryWorker.name);
  private readonly senders: Record<DeliveryChannel, ChannelSender>;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: NotificationsConfig,
    webhook: WebhookSender,
    email: EmailSender,
    sms: SmsSender,
  ) {
    this.senders = { webhook, email, sms };
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.drain().finally(() => (this.running = undefined));
    }, this.config.deliveryPollMs);
  }

  private async drain(): Promise<void> {
    try {
      while ((await this.pass()) === BATCH);
    } catch (error) {
      this.log.warn(`delivery pass failed: ${(error as Error).message}`);
    }
  }

  /** One batch: claimed, sent in parallel, recorded; returns how many it took. */
  async pass(): Promise<number> {
    const claimed = await rows<DeliveryRow>(
      this.dataSource.manager,
      `WITH due AS (
         SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE deliveries d SET attempts = d.attempts + 1,
              next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
         FROM due WHERE d.id = due.id RETURNING d.*`,
      [BATCH, this.config.deliveryTimeoutMs + LEASE_MARGIN_MS],
    );
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length;
  }

  private async attempt(delivery: DeliveryRow): Promise<void> {
    const started = Date.now();
    const result = await this.senders[delivery.channel]
      .send(delivery)
      .catch((error: Error): AttemptResult => ({ ok: false, error: error.message.slice(0, 300) }));
    const latencyMs = Date.now() - started;
    notificationMetrics.attempts.inc({ channel: delivery.channel, outcome: result.ok ? 'ok' : 'failed' });
    notificationMetrics.latency.observe({ channel: delivery.channel }, latencyMs / 1000);
    await this.record(delivery, result, latencyMs);
  }

  private async record(delivery: DeliveryRow, result: AttemptResult, latencyMs: number): Promise<void> {
    const park = !result.ok && delivery.attempts >= this.config.deliveryMaxAttempts;
    const status = result.ok ? 'delivered' : result.cancelled ? 'cancelled' : park ? 'parked' : 'pending';
    const waitMs = backoffMs(
      delivery.attempts,
      this.config.deliveryBackoffMs,
      this.config.deliveryBackoffCapMs,
    );
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO delivery_attempts
           (delivery_id, subscription_id, attempt, status_code, latency_ms, ok, error, instance)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          delivery.id,
          delivery.subscription_id,
          delivery.attempts,
          result.statusCode ?? null,
          latencyMs,
          result.ok,
          result.error ?? null,
          this.config.instanceId,
        ],
      );
      await manager.query(
        `UPDATE deliveries SET status = $2, last_status_code = $3, last_error = $4,
                delivered_at = CASE WHEN $5 THEN now() END,
                next_attempt_at = now() + make_interval(secs => $6::double precision / 1000)
          WHERE id = $1`,
        [delivery.id, status, result.statusCode ?? null, result.error ?? null, result.ok, waitMs],
      );
    });
    if (status === 'parked') {
      notificationMetrics.parked.inc({ channel: delivery.channel });
      this.log.warn(
        `delivery ${delivery.id} (${delivery.channel}) parked after ${delivery.attempts} attempts`,
      );
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
