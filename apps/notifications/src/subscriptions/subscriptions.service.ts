import { Injectable } from '@nestjs/common';
import {
  DomainError,
  NotificationErrors,
  type CreateSubscriptionRequest,
  type DeleteSubscriptionRequest,
  type Principal,
  type SubscriptionCreatedReply,
  type SubscriptionView,
  type WebhookEvent,
} from '@tillpoint/contracts';
import { rows } from '@tillpoint/runtime';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Sealer } from '../config/sealer';
import { ownerFor, visibleTo, type Owner } from './subscription-owner';

interface SubscriptionRow {
  id: string;
  owner_kind: Owner['kind'];
  owner_id: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  created_at: Date;
}

const COLUMNS = 's.id, s.owner_kind, s.owner_id, s.url, s.events, s.active, s.created_at';

function view(row: SubscriptionRow): SubscriptionView {
  return {
    id: row.id,
    ownerKind: row.owner_kind,
    ownerId: row.owner_id,
    url: row.url,
    events: row.events,
    active: row.active,
    createdAt: row.created_at.toISOString(),
  };
}

function checkUrl(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || !parsed.hostname) {
    throw new DomainError(NotificationErrors.INVALID_URL, 'the webhook URL must be an absolute http(s) URL');
  }
}

function checkEvents(owner: Owner, events: WebhookEvent[]): void {
  if (new Set(events).size !== events.length) {
    throw new DomainError(NotificationErrors.INVALID_EVENTS, 'an event type is listed twice');
  }
  if (owner.kind === 'operator' && events.includes('float.low')) {
    throw new DomainError(NotificationErrors.INVALID_EVENTS, 'float.low is for dealers only');
  }
}

/** Webhook subscriptions: each owner sees and manages its own, a platform admin all of them. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sealer: Sealer,
  ) {}

  async create(request: CreateSubscriptionRequest): Promise<SubscriptionCreatedReply> {
    const owner = ownerFor(request.principal, request);
    checkUrl(request.url);
    checkEvents(owner, request.events);
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const [row] = await this.dataSource.query<SubscriptionRow[]>(
      `INSERT INTO subscriptions AS s (id, owner_kind, owner_id, url, events, secret_sealed, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [
        randomUUID(),
        owner.kind,
        owner.id,
        request.url,
        request.events,
        JSON.stringify(this.sealer.seal(secret)),
        request.principal.subject,
      ],
    );
    return { subscription: view(row), secret };
  }

  async list(principal: Principal): Promise<{ subscriptions: SubscriptionView[] }> {
    const scope = visibleTo(principal, 1);
    const found = await this.dataSource.query<SubscriptionRow[]>(
      `SELECT ${COLUMNS} FROM subscriptions s WHERE ${scope.sql} ORDER BY s.created_at, s.id`,
      scope.params,
    );
    return { subscriptions: found.map(view) };
  }

  /** Deactivates it and cancels what it still had pending; out of scope answers as not found. */
  async delete(request: DeleteSubscriptionRequest): Promise<SubscriptionView> {
    const scope = visibleTo(request.principal, 2);
    return this.dataSource.transaction(async (manager) => {
      const [row] = await rows<SubscriptionRow>(
        manager,
        `UPDATE subscriptions s SET active = false WHERE s.id = $1 AND ${scope.sql} RETURNING ${COLUMNS}`,
        [request.subscriptionId, ...scope.params],
      );
      if (!row) {
        throw new DomainError(
          NotificationErrors.SUBSCRIPTION_NOT_FOUND,
          `no subscription ${request.subscriptionId}`,
        );
      }
      await manager.query(
        `UPDATE deliveries SET status = 'cancelled' WHERE subscription_id = $1 AND status = 'pending'`,
        [row.id],
      );
      return view(row);
    });
  }
}
