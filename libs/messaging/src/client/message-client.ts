import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DomainError,
  fromWireError,
  isDomainError,
  MessagingErrors,
  type CommandContract,
  type EventContract,
  type ReplyOf,
  type RequestOf,
} from '@tillpoint/contracts';
import { currentCorrelationId } from '@tillpoint/runtime';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { Channel, ConsumeMessage, Message } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { AmqpConnection } from '../connection/amqp-connection';
import { Publisher } from '../connection/publisher';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { messagingMetrics } from '../metrics';
import { encode, Headers, readEnvelope } from '../wire';

interface Pending {
  name: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  stopTimer: (labels: { outcome: string }) => void;
}

export interface RequestOptions {
  /** The deadline, from now; defaults to AMQP_REQUEST_TIMEOUT_MS. */
  timeoutMs?: number;
  /** A caller-chosen id (the consumer's inbox key); a fresh one by default. */
  messageId?: string;
}

/**
 * The typed way to talk to another service: `request(Contract, payload)` compiles only with that
 * contract's payload and resolves with its reply type. Replies come to a private reply queue; one that
 * arrives after its deadline finds nobody waiting and is dropped.
 */
@Injectable()
export class MessageClient {
  private readonly log = new Logger(MessageClient.name);
  private readonly pending = new Map<string, Pending>();
  private replyQueue?: string;
  private replyChannel?: ChannelWrapper;
  private replyReady?: Promise<void>;

  constructor(
    private readonly connection: AmqpConnection,
    private readonly publisher: Publisher,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    publisher.onReturn((message) => this.onReturned(message));
  }

  async request<C extends CommandContract<unknown, unknown>>(
    contract: C,
    payload: RequestOf<C>,
    options: RequestOptions = {},
  ): Promise<ReplyOf<C>> {
    const timeoutMs = Math.ceil(options.timeoutMs ?? this.options.requestTimeoutMs);
    if (!Number.isFinite(timeoutMs) || timeoutMs < 1) {
      return Promise.reject(
        new RangeError(`timeoutMs must be a positive number of milliseconds, not ${timeoutMs}`),
      );
    }
    const deadline = Date.now() + timeoutMs;
    const messageId = options.messageId ?? randomUUID();
    const correlationKey = randomUUID();
    const stopTimer = messagingMetrics.requestSeconds.startTimer({ name: contract.name });
    const answer = new Promise<ReplyOf<C>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(correlationKey, 'timeout');
        reject(
          new DomainError(MessagingErrors.TIMEOUT, `${contract.name} had no answer within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.pending.set(correlationKey, {
        name: contract.name,
        resolve: resolve as (value: unknown) => void,
        reject,
        timer,
        stopTimer,
      });
    });
    // The deadline may pass while we still wait for the broker; the caller's await handles it then.
    answer.catch(() => undefined);
    try {
      const replyTo = await this.waitForReplyQueue(deadline);
      await this.publisher.publish(contract.name, encode(payload), {
        messageId,
        type: contract.name,
        correlationId: correlationKey,
        replyTo,
        contentType: 'application/json',
        persistent: true,
        mandatory: true,
        // The broker drops a request nobody took before the deadline; the consumer checks it too.
        expiration: String(timeoutMs),
        timestamp: Math.floor(Date.now() / 1000),
        headers: {
          [Headers.correlationId]: currentCorrelationId() ?? messageId,
          [Headers.deadline]: deadline,
        },
        timeout: Math.max(1, deadline - Date.now()),
      });
    } catch (error) {
      this.fail(
        correlationKey,
        isDomainError(error)
          ? error
          : new DomainError(
              MessagingErrors.UNAVAILABLE,
              `${contract.name} could not be sent: ${(error as Error).message}`,
            ),
      );
    }
    return answer;
  }

  /** Publishes an event now, outside any transaction. State changes use the outbox instead. */
  async emit<P>(
    contract: EventContract<P>,
    payload: P,
    options: { messageId?: string } = {},
  ): Promise<string> {
    const messageId = options.messageId ?? randomUUID();
    const now = new Date();
    await this.publisher.publish(contract.name, encode(payload), {
      messageId,
      type: contract.name,
      contentType: 'application/json',
      persistent: true,
      timestamp: Math.floor(now.getTime() / 1000),
      headers: {
        [Headers.correlationId]: currentCorrelationId() ?? messageId,
        [Headers.occurredAt]: now.toISOString(),
      },
      timeout: this.options.requestTimeoutMs,
    });
    return messageId;
  }

  /** The reply queue's name, waiting for the broker (up to the deadline) while it is away. */
  private async waitForReplyQueue(deadline: number): Promise<string> {
    this.replyReady ??= this.openReplyQueue().catch((error: Error) =>
      this.log.warn(`reply queue not open: ${error.message}`),
    );
    while (!this.replyQueue) {
      if (Date.now() >= deadline)
        throw new DomainError(MessagingErrors.UNAVAILABLE, 'the broker is not reachable');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.replyQueue;
  }

  private async openReplyQueue(): Promise<void> {
    this.replyChannel = this.connection.manager.createChannel({
      name: 'replies',
      setup: async (channel: Channel) => {
        // Server-named, exclusive, auto-deleted: it lives exactly as long as this connection.
        const { queue } = await channel.assertQueue('', {
          exclusive: true,
          autoDelete: true,
          durable: false,
        });
        // No acks: the queue is this connection's alone and dies with it, and a reply that is lost is a
        // deadline passing, which every caller handles. An ack frame per reply was pure cost.
        await channel.consume(queue, (message) => this.onReply(message), { noAck: true });
        this.replyQueue = queue;
        channel.once('close', () => {
          if (this.replyQueue === queue) this.replyQueue = undefined;
        });
        this.connection.reviveOnClose(channel, 'replies');
      },
    });
    this.connection.watch(this.replyChannel);
    await this.replyChannel.waitForConnect();
  }

  private onReply(message: ConsumeMessage | null): void {
    if (!message) return;
    const key = String(message.properties.correlationId);
    const waiting = this.pending.get(key);
    if (!waiting) {
      this.log.debug(`dropped a late or unknown reply (${key})`);
      return;
    }
    const envelope = readEnvelope(message.content);
    if (!envelope) {
      return this.fail(key, new DomainError(MessagingErrors.FAILED, `unreadable reply to ${waiting.name}`));
    }
    if (envelope.ok) {
      this.settle(key, 'ok');
      waiting.resolve(envelope.data);
    } else {
      this.settle(key, 'refused');
      waiting.reject(fromWireError(envelope.error));
    }
  }

  private onReturned(message: Message): void {
    const key = String(message.properties.correlationId);
    const waiting = this.pending.get(key);
    if (waiting) {
      this.fail(key, new DomainError(MessagingErrors.NO_ROUTE, `no service consumes ${waiting.name}`));
    }
  }

  private fail(key: string, error: unknown): void {
    const waiting = this.pending.get(key);
    if (!waiting) return;
    this.settle(key, 'error');
    waiting.reject(error instanceof Error ? error : new Error(String(error)));
  }

  private settle(key: string, outcome: string): void {
    const waiting = this.pending.get(key);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    waiting.stopTimer({ outcome });
    this.pending.delete(key);
  }
}
