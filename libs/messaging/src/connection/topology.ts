import type { Channel } from 'amqplib';

/** Quorum queues redeliver a message at most this often before the broker dead-letters it (crash loops). */
export const DELIVERY_LIMIT = 20;

/** The names of everything one service declares on the broker, and how they are declared. */
export class Topology {
  readonly exchange: string;
  readonly queue: string;
  readonly deadLetterQueue: string;

  constructor(
    namespace: string,
    service: string,
    private readonly retryDelaysMs: number[],
  ) {
    this.exchange = `${namespace}.bus`;
    this.queue = `${namespace}.${service}`;
    this.deadLetterQueue = `${this.queue}.dlq`;
  }

  /**
   * Named after its delay: the TTL is a queue argument the broker will not change, so a new delay
   * setting gets a queue of its own instead of a declaration the broker refuses.
   */
  retryQueue(attempt: number): string {
    return `${this.queue}.retry.${this.retryDelaysMs[attempt]}ms`;
  }

  get maxRetries(): number {
    return this.retryDelaysMs.length;
  }

  /** The topic exchange every command and event is published to, routed by message name. */
  static async assertExchange(channel: Channel, exchange: string): Promise<void> {
    await channel.assertExchange(exchange, 'topic', { durable: true });
  }

  /** The work queue, its dead-letter queue and one TTL queue per retry step, bound to `patterns`. */
  async assertQueues(channel: Channel, patterns: string[]): Promise<void> {
    await Topology.assertExchange(channel, this.exchange);
    await channel.assertQueue(this.deadLetterQueue, {
      durable: true,
      arguments: { 'x-queue-type': 'quorum' },
    });
    await channel.assertQueue(this.queue, {
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-delivery-limit': DELIVERY_LIMIT,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': this.deadLetterQueue,
      },
    });
    // The broker has no delayed-message plugin: a retry waits out its TTL in a queue of its own, then the
    // broker dead-letters it back onto the work queue.
    for (const [attempt, delay] of this.retryDelaysMs.entries()) {
      await channel.assertQueue(this.retryQueue(attempt), {
        durable: true,
        arguments: {
          'x-queue-type': 'quorum',
          'x-message-ttl': delay,
          'x-dead-letter-exchange': '',
          'x-dead-letter-routing-key': this.queue,
        },
      });
    }
    for (const pattern of patterns) await channel.bindQueue(this.queue, this.exchange, pattern);
  }
}
