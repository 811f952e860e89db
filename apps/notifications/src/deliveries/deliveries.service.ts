import { Injectable } from '@nestjs/common';
import {
  DomainError,
  NotificationErrors,
  type AttemptView,
  type DeliveryView,
  type ListAttemptsRequest,
  type ListDeliveriesRequest,
  type Principal,
  type RedeliverRequest,
} from '@tillpoint/contracts';
import { rows } from '@tillpoint/runtime';
import { DataSource } from 'typeorm';
import { visibleTo } from '../subscriptions/subscription-owner';
import { deliveryView, type DeliveryRow } from './delivery.row';

interface AttemptRow {
  delivery_id: string;
  event_id: string;
  attempt: number;
  at: Date;
  status_code: number | null;
  latency_ms: number;
  ok: boolean;
  error: string | null;
}

/**
 * The delivery queue and its log as their owners see them. E-mail and SMS have no subscription: only a
 * platform admin sees those.
 */
@Injectable()
export class DeliveriesService {
  constructor(private readonly dataSource: DataSource) {}

  async list(request: ListDeliveriesRequest): Promise<{ deliveries: DeliveryView[] }> {
    const scope = visibleTo(request.principal, 4);
    const found = await this.dataSource.query<DeliveryRow[]>(
      `SELECT d.* FROM deliveries d LEFT JOIN subscriptions s ON s.id = d.subscription_id
        WHERE ($1::uuid IS NULL OR d.subscription_id = $1) AND ($2::text IS NULL OR d.status = $2)
          AND ${scope.sql}
        ORDER BY d.created_at DESC, d.id LIMIT $3`,
      [request.subscriptionId ?? null, request.status ?? null, request.limit ?? 100, ...scope.params],
    );
    return { deliveries: found.map(deliveryView) };
  }

  /** Every attempt of a subscription's deliveries, newest first: status code, latency, error. */
  async attempts(request: ListAttemptsRequest): Promise<{ attempts: AttemptView[] }> {
    await this.visibleSubscription(request.principal, request.subscriptionId);
    const found = await this.dataSource.query<AttemptRow[]>(
      `SELECT a.delivery_id, d.event_id, a.attempt, a.at, a.status_code, a.latency_ms, a.ok, a.error
         FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
        WHERE a.subscription_id = $1 ORDER BY a.id DESC LIMIT $2`,
      [request.subscriptionId, request.limit ?? 100],
    );
    return {
      attempts: found.map((a) => ({
        deliveryId: a.delivery_id,
        eventId: a.event_id,
        attempt: a.attempt,
        at: a.at.toISOString(),
        statusCode: a.status_code ?? undefined,
        latencyMs: a.latency_ms,
        ok: a.ok,
        error: a.error ?? undefined,
      })),
    };
  }

  /** A parked delivery back in the queue, due now, with a fresh allowance of attempts. */
  async redeliver(request: RedeliverRequest): Promise<DeliveryView> {
    const scope = visibleTo(request.principal, 2);
    return this.dataSource.transaction(async (manager) => {
      const [row] = await rows<DeliveryRow>(
        manager,
        `SELECT d.* FROM deliveries d LEFT JOIN subscriptions s ON s.id = d.subscription_id
          WHERE d.id = $1 AND ${scope.sql} FOR UPDATE OF d`,
        [request.deliveryId, ...scope.params],
      );
      if (!row)
        throw new DomainError(NotificationErrors.DELIVERY_NOT_FOUND, `no delivery ${request.deliveryId}`);
      if (row.status !== 'parked') {
        throw new DomainError(NotificationErrors.DELIVERY_NOT_PARKED, `delivery ${row.id} is ${row.status}`);
      }
      const [queued] = await rows<DeliveryRow>(
        manager,
        `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = now() WHERE id = $1 RETURNING *`,
        [row.id],
      );
      return deliveryView(queued);
    });
  }

  private async visibleSubscription(principal: Principal, id: string): Promise<void> {
    const scope = visibleTo(principal, 2);
    const [found] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM subscriptions s WHERE s.id = $1 AND ${scope.sql}`,
      [id, ...scope.params],
    );
    if (!found) throw new DomainError(NotificationErrors.SUBSCRIPTION_NOT_FOUND, `no subscription ${id}`);
  }
}
