import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventContract } from '@tillpoint/contracts';
import { withCorrelation } from '@tillpoint/runtime';
import type { Channel, ConsumeMessage } from 'amqplib';
import { AmqpConnection } from '../connection/amqp-connection';
import { Topology } from '../connection/topology';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { decode, headerString, Headers } from '../wire';

/** Called with each event heard; a failure is logged and the event dropped (a fan-out has no retries). */
export type FanoutHandler = (name: string, payload: object) => void | Promise<void>;

export interface FanoutSubscription {
  /** Resolves once the queue is bound for the first time. */
  readonly ready: Promise<void>;
  /** Called each time the queue is (re)bound, after a reconnect too: events in between may have been missed. */
  onBound(listener: () => void): void;
}

/**
 * Every instance of a service hears the given events (the work queue shares them out instead): a
 * server-named, exclusive, auto-deleted queue per subscription, bound to the events' names, declared
 * again with its bindings whenever the connection comes back. For state every replica must know at once
 * (a blocked terminal); what was missed while away must be reloaded by the subscriber on `onBound`.
 */
@Injectable()
export class FanoutSubscriber {
  private readonly log = new Logger(FanoutSubscriber.name);

  constructor(
    private readonly connection: AmqpConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  subscribe(contracts: EventContract<unknown>[], handler: FanoutHandler): FanoutSubscription {
    const byName = new Map(contracts.map((c) => [c.name, c]));
    const listeners: Array<() => void> = [];
    const exchange = `${this.options.namespace}.bus`;
    const channel = this.connection.manager.createChannel({
      name: `fanout:${[...byName.keys()].join(',')}`,
      setup: async (ch: Channel) => {
        await Topology.assertExchange(ch, exchange);
        const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
        for (const name of byName.keys()) await ch.bindQueue(queue, exchange, name);
        await ch.consume(queue, (m) => void this.deliver(ch, m, byName, handler), { noAck: false });
        this.connection.reviveOnClose(ch, 'fanout');
        for (const listener of listeners) listener();
      },
    });
    this.connection.watch(channel);
    return {
      ready: channel.waitForConnect(),
      onBound: (listener) => listeners.push(listener),
    };
  }

  private async deliver(
    ch: Channel,
    message: ConsumeMessage | null,
    byName: Map<string, EventContract<unknown>>,
    handler: FanoutHandler,
  ): Promise<void> {
    if (!message) return;
    const name = String(message.properties.type);
    const contract = byName.get(name);
    const decoded = contract ? decode(message, contract) : undefined;
    try {
      if (!decoded?.ok) {
        this.log.warn(`dropped a fan-out message ${name}: ${decoded ? decoded.reason : 'not subscribed'}`);
      } else {
        const correlationId = headerString(message.properties.headers, Headers.correlationId);
        await withCorrelation(correlationId, () => Promise.resolve(handler(name, decoded.payload)));
      }
    } catch (error) {
      this.log.error(`fan-out handler for ${name} failed: ${(error as Error).message}`);
    } finally {
      try {
        ch.ack(message);
      } catch {
        // The channel closed under us: the queue went with it, and the subscriber reloads on rebind.
      }
    }
  }
}
