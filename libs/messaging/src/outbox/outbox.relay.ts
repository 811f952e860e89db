import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Publisher } from '../connection/publisher';
import { MessageServer } from '../consumer/message-server';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { messagingMetrics } from '../metrics';
import { Headers } from '../wire';

const BATCH = 200;
const POLL_MS = 1000;
const PUBLISH_TIMEOUT_MS = 5000;
const RETENTION = '7 days';

interface OutboxRow {
  id: string;
  name: string;
  payload: string;
  correlation_id: string | null;
  occurred_at: Date;
}

/**
 * Publishes the events that services wrote to their outbox table in the same transaction as the state
 * change. Rows are claimed with SKIP LOCKED (several instances share the work), published with confirms,
 * and marked sent in that claim's transaction; if the broker is away the transaction rolls back and the
 * next pass tries again.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private failing = false;
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: Publisher,
    private readonly server: MessageServer,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.kick();
  }

  /** Asks for a pass soon; called after every commit that wrote events. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.publishBatch()) === BATCH);
      if (this.failing) this.log.log('outbox relay publishing again');
      this.failing = false;
      await this.purge();
    } catch (error) {
      if (!this.failing) this.log.warn(`outbox relay cannot publish yet: ${(error as Error).message}`);
      this.failing = true;
    }
  }

  /** One claimed batch, published and marked; returns how many rows it took. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, name, payload::text AS payload, correlation_id, occurred_at FROM outbox
          WHERE published_at IS NULL ORDER BY occurred_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      if (rows.length === 0) return 0;
      await Promise.all(rows.map((row) => this.publish(row)));
      await manager.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[])', [
        rows.map((r) => r.id),
      ]);
      rows.forEach((row) => messagingMetrics.outboxPublished.inc({ name: row.name }));
      return rows.length;
    });
  }

  private publish(row: OutboxRow): Promise<void> {
    return this.publisher.publish(row.name, Buffer.from(row.payload, 'utf8'), {
      messageId: row.id,
      type: row.name,
      contentType: 'application/json',
      persistent: true,
      timestamp: Math.floor(row.occurred_at.getTime() / 1000),
      headers: {
        [Headers.correlationId]: row.correlation_id ?? row.id,
        [Headers.occurredAt]: row.occurred_at.toISOString(),
        'x-producer': this.options.service,
      },
      timeout: PUBLISH_TIMEOUT_MS,
    });
  }

  private async purge(): Promise<void> {
    if (Date.now() - this.lastPurge < 60 * 60 * 1000) return;
    this.lastPurge = Date.now();
    await this.dataSource.query(`DELETE FROM outbox WHERE published_at < now() - interval '${RETENTION}'`);
    await this.dataSource.query(`DELETE FROM inbox WHERE processed_at < now() - interval '${RETENTION}'`);
  }

  /** After the consumer has drained: one last pass for the events those messages wrote, then stop. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.server.drained;
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await this.publishBatch().catch((error: Error) =>
      this.log.warn(`events left for the next start: ${error.message}`),
    );
  }
}
