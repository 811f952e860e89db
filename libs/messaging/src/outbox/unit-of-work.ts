import { Injectable, Logger } from '@nestjs/common';
import { toJson, type EventContract } from '@tillpoint/contracts';
import { currentCorrelationId, MicroBatcher, type Settled } from '@tillpoint/runtime';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { MessageContext } from '../consumer/message-context';
import { messagingMetrics } from '../metrics';
import { OutboxRelay } from './outbox.relay';

/** The transaction a handler works in: its queries, and the events it wants published if it commits. */
export interface Tx {
  readonly manager: EntityManager;
  /** Writes the event to the outbox in this transaction; returns the event id. */
  publish<P>(contract: EventContract<P>, payload: P): Promise<string>;
}

/** An outbox row for a caller that writes it inside a statement of its own (see UnitOfWork.outboxRow). */
export interface OutboxRow {
  id: string;
  name: string;
  /** The payload as JSON text. */
  payload: string;
  correlationId: string | null;
}

/** The outbox's columns, in the order of an OutboxRow's values (`outboxValues`). */
export const OUTBOX_COLUMNS = 'id, name, payload, correlation_id';

export function outboxValues(row: OutboxRow): [string, string, string, string | null] {
  return [row.id, row.name, row.payload, row.correlationId];
}

interface Unit<T> {
  duplicate: boolean;
  value: T;
}

interface SharedUnit {
  work: (tx: Tx) => Promise<unknown>;
  options: UnitOfWorkOptions;
}

export interface UnitOfWorkOptions {
  /** The message being handled: its id goes into the inbox in the same transaction as the effect. */
  message?: MessageContext;
  /**
   * runShared: units of one transaction run in the order of this key (the row they lock, say), so two
   * shared transactions take their locks in the same order and cannot deadlock each other.
   */
  lockOrder?: string;
}

/**
 * One transaction for a state change, its events (outbox) and, when handling a message, the message id
 * (inbox). A redelivered message finds its id already there and gets the first run's stored answer.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  async run<T>(work: (tx: Tx) => Promise<T>, options: UnitOfWorkOptions = {}): Promise<T> {
    const events = { wrote: false };
    const result = await this.dataSource.transaction((manager) => this.unit(manager, work, options, events));
    this.after(result, options);
    if (events.wrote) this.relay.kick();
    return result.value;
  }

  /**
   * Like `run`, but units that arrive while others are committing share one transaction (and one flush to
   * disk): for many small independent units, such as one receipt per sale event. If any unit of a shared
   * transaction fails, it is rolled back and each of its units runs again alone, so one bad unit costs the
   * others only time.
   */
  runShared<T>(work: (tx: Tx) => Promise<T>, options: UnitOfWorkOptions = {}): Promise<T> {
    return this.shared.submit({ work, options }) as Promise<T>;
  }

  private readonly log = new Logger(UnitOfWork.name);
  private readonly shared = new MicroBatcher<SharedUnit, unknown>((units) => this.runUnits(units), {
    maxBatch: 32,
    maxInFlight: 2,
  });

  private async runUnits(units: SharedUnit[]): Promise<Array<Settled<unknown>>> {
    if (units.length > 1) {
      try {
        const events = { wrote: false };
        const order = units
          .map((unit, i) => ({ key: unit.options.lockOrder ?? '', i }))
          .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
        const results = await this.dataSource.transaction(async (manager) => {
          const out = new Array<Unit<unknown>>(units.length);
          for (const { i } of order)
            out[i] = await this.unit(manager, units[i].work, units[i].options, events);
          return out;
        });
        results.forEach((result, i) => this.after(result, units[i].options));
        if (events.wrote) this.relay.kick();
        return results.map((result) => ({ value: result.value }));
      } catch (error) {
        // Each again on its own below: the failing one gets its own error, the others their effect.
        this.log.debug(`a shared transaction of ${units.length} units failed (${String(error)}): each alone`);
        messagingMetrics.sharedFallbacks.inc();
      }
    }
    const alone: Array<Settled<unknown>> = [];
    for (const unit of units) {
      try {
        alone.push({ value: await this.run(unit.work, unit.options) });
      } catch (error) {
        alone.push({ error });
      }
    }
    return alone;
  }

  /** One unit in the caller's transaction: the inbox claim, the work, its stored reply. */
  private async unit<T>(
    manager: EntityManager,
    work: (tx: Tx) => Promise<T>,
    options: UnitOfWorkOptions,
    events: { wrote: boolean },
  ): Promise<Unit<T>> {
    const message = options.message;
    if (message) {
      const claimed: unknown[] = await manager.query(
        `INSERT INTO inbox (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
        [message.name, message.messageId],
      );
      if (claimed.length === 0)
        return { duplicate: true, value: await this.storedReply<T>(manager, message) };
    }
    const tx: Tx = {
      manager,
      publish: async (contract, payload) => {
        events.wrote = true;
        return this.writeEvent(manager, contract.name, payload);
      },
    };
    const value = await work(tx);
    if (message && value !== undefined) {
      await manager.query('UPDATE inbox SET reply = $3 WHERE consumer = $1 AND message_id = $2', [
        message.name,
        message.messageId,
        toJson(value),
      ]);
    }
    return { duplicate: false, value };
  }

  private after(result: Unit<unknown>, options: UnitOfWorkOptions): void {
    if (result.duplicate && options.message) {
      messagingMetrics.consumed.inc({ name: options.message.name, outcome: 'duplicate' });
    }
  }

  /**
   * An event as the outbox row a caller writes in the same statement as its change, when one statement
   * does the whole of it (the hot path of a sale). Call `published()` once that statement committed.
   */
  outboxRow<P>(contract: EventContract<P>, payload: P): OutboxRow {
    return eventRow(contract.name, payload);
  }

  /** Tells the relay that rows written with `outboxRow` committed. */
  published(): void {
    this.relay.kick();
  }

  private async writeEvent(manager: EntityManager, name: string, payload: unknown): Promise<string> {
    const row = eventRow(name, payload);
    await manager.query(`INSERT INTO outbox (${OUTBOX_COLUMNS}) VALUES ($1, $2, $3, $4)`, outboxValues(row));
    return row.id;
  }

  private async storedReply<T>(manager: EntityManager, message: MessageContext): Promise<T> {
    const rows: Array<{ reply: T | null }> = await manager.query(
      'SELECT reply FROM inbox WHERE consumer = $1 AND message_id = $2',
      [message.name, message.messageId],
    );
    return (rows[0]?.reply ?? undefined) as T;
  }
}

function eventRow(name: string, payload: unknown): OutboxRow {
  return { id: randomUUID(), name, payload: toJson(payload), correlationId: currentCorrelationId() ?? null };
}
