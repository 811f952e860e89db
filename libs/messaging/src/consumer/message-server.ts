import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { MessagingErrors, pingOf, type AnyContract, type ServiceName } from '@tillpoint/contracts';
import { withCorrelation } from '@tillpoint/runtime';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { Channel, ConsumeMessage } from 'amqplib';
import { lastValueFrom } from 'rxjs';
import { AmqpConnection } from '../connection/amqp-connection';
import { Publisher } from '../connection/publisher';
import { Topology } from '../connection/topology';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { messagingMetrics } from '../metrics';
import { boundedReason, decode, encode, Headers, type ReplyEnvelope } from '../wire';
import { decideFailure } from './ack-policy';
import { InFlight } from './in-flight';
import { MessageContext } from './message-context';

const PUBLISH_TIMEOUT_MS = 10_000;

/**
 * A Nest transport over the service's quorum work queue. Handlers are ordinary `@MessagePattern(name)`
 * methods; this class validates what arrives, calls them, answers requests, and applies the ack policy:
 * ack after the handler returns, dead-letter what cannot be handled (with the reason), retry the rest.
 */
@Injectable()
export class MessageServer extends Server implements CustomTransportStrategy, BeforeApplicationShutdown {
  private readonly log = new Logger('Messaging');
  private readonly topology: Topology;
  private readonly contracts = new Map<string, AnyContract>();
  private readonly inFlight = new InFlight();
  private channel?: ChannelWrapper;
  private consumer?: { channel: Channel; tag: string };
  private draining = false;
  private firstAttach?: () => void;
  private drainDone?: () => void;
  /** Resolves when shutdown has finished the messages that were in flight. */
  readonly drained = new Promise<void>((resolve) => (this.drainDone = resolve));
  /** Resolves once the consumer was attached for the first time. */
  readonly attached = new Promise<void>((resolve) => (this.firstAttach = resolve));

  constructor(
    private readonly connection: AmqpConnection,
    private readonly publisher: Publisher,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    super();
    this.topology = new Topology(options.namespace, options.service, options.retryDelaysMs);
    for (const contract of options.contracts) this.contracts.set(contract.name, contract);
  }

  /** True while a consumer is attached to the work queue. */
  get consuming(): boolean {
    return this.consumer !== undefined;
  }

  /** The broker's tag of the attached consumer: a new one after every re-attach. */
  get consumerTag(): string | undefined {
    return this.consumer?.tag;
  }

  get queue(): string {
    return this.topology.queue;
  }

  listen(callback: () => void): void {
    this.addPing();
    const patterns = [...this.messageHandlers.keys()];
    const unknown = patterns.filter((pattern) => !this.contracts.has(pattern));
    if (unknown.length > 0) throw new Error(`handlers without a contract: ${unknown.join(', ')}`);
    this.channel = this.connection.manager.createChannel({
      name: 'consumer',
      setup: (channel: Channel) => this.attach(channel, patterns),
    });
    this.connection.watch(this.channel);
    // Readiness says when the consumer is attached; the HTTP side starts even while the broker is away.
    callback();
  }

  private async attach(channel: Channel, patterns: string[]): Promise<void> {
    await this.topology.assertQueues(channel, patterns);
    await channel.prefetch(this.options.prefetch);
    if (this.draining) return;
    const { consumerTag } = await channel.consume(this.topology.queue, (m) => this.onDelivery(channel, m), {
      noAck: false,
    });
    this.consumer = { channel, tag: consumerTag };
    this.firstAttach?.();
    channel.once('close', () => {
      if (this.consumer?.channel === channel) this.consumer = undefined;
    });
    if (!this.draining) this.connection.reviveOnClose(channel, 'consumer');
    this.log.log(`consuming ${this.topology.queue} (${patterns.length} message types)`);
  }

  private addPing(): void {
    const ping = pingOf(this.options.service as ServiceName);
    this.contracts.set(ping.name, ping);
    const handler = ((payload: { note?: string }) =>
      Promise.resolve({
        service: this.options.service,
        instance: this.options.instanceId,
        note: payload.note,
      })) as unknown as MessageHandler;
    this.addHandler(ping.name, handler);
  }

  private onDelivery(channel: Channel, message: ConsumeMessage | null): void {
    if (!message) {
      // The broker cancelled us (the queue was deleted): not ready until a reconnect attaches us again.
      this.log.warn('the broker cancelled our consumer; reconnecting to attach it again');
      this.consumer = undefined;
      this.connection.reconnect();
      return;
    }
    const correlationId = message.properties.headers?.[Headers.correlationId] as string | undefined;
    this.inFlight
      .track(() => withCorrelation(correlationId, () => this.handle(message)))
      .then(
        () => this.ack(channel, message),
        (error: unknown) => {
          // Replying or dead-lettering failed (the broker is away): hand the message back for another go.
          this.log.warn(`message ${String(message.properties.messageId)} requeued: ${String(error)}`);
          this.settle(() => channel.nack(message, false, true), message);
        },
      );
  }

  private async handle(message: ConsumeMessage): Promise<void> {
    const ctx = new MessageContext([message]);
    if (!ctx.identified) return this.refuseUnhandled(message, 'the message has no messageId or no type');
    const contract = this.contracts.get(ctx.name);
    const handler = this.getHandlerByPattern(ctx.name);
    if (!contract || !handler)
      return this.refuseUnhandled(message, `no handler for message type "${ctx.name}"`);
    if (ctx.deadline !== undefined && ctx.deadline <= Date.now()) {
      // Nobody waits for the answer any more: no reply, and no effect the caller does not know of.
      return this.deadLetter(message, 'the request reached its deadline before it was handled');
    }
    const decoded = decode(message, contract);
    if (!decoded.ok) return this.refuseUnhandled(message, decoded.reason);
    const stopTimer = messagingMetrics.handlerSeconds.startTimer({ name: ctx.name });
    let result: unknown;
    try {
      result = await lastValueFrom(this.transformToObservable(await handler(decoded.payload, ctx)), {
        defaultValue: undefined,
      });
    } catch (error) {
      return await this.onFailure(message, ctx, error);
    } finally {
      stopTimer();
    }
    messagingMetrics.consumed.inc({ name: ctx.name, outcome: 'ok' });
    // The effect is committed: a reply that cannot be sent must not run the handler again.
    await this.reply(message, { ok: true, data: result ?? null }).catch((error: Error) =>
      this.log.error(`the reply to ${ctx.name} ${ctx.messageId} was lost: ${error.message}`),
    );
  }

  /** Dead-lettered with the reason; a caller waiting for an answer is told at once. */
  private async refuseUnhandled(message: ConsumeMessage, reason: string): Promise<void> {
    await this.deadLetter(message, reason);
    await this.reply(message, {
      ok: false,
      error: { code: MessagingErrors.INVALID, message: boundedReason(reason) },
    });
  }

  private async onFailure(message: ConsumeMessage, ctx: MessageContext, error: unknown): Promise<void> {
    const outcome = decideFailure({
      error,
      attempt: ctx.attempt,
      retryDelaysMs: this.options.retryDelaysMs,
      deadline: ctx.deadline,
      now: Date.now(),
    });
    switch (outcome.kind) {
      case 'refuse':
        messagingMetrics.consumed.inc({ name: ctx.name, outcome: 'refused' });
        if (message.properties.replyTo) return this.reply(message, { ok: false, error: outcome.error });
        // An event has nobody to tell: a refusal of it is worth a look, so it goes where people look.
        return this.deadLetter(message, `refused: ${outcome.error.code} ${outcome.error.message}`);
      case 'retry':
        this.log.warn(
          `${ctx.name} ${ctx.messageId} failed, retry ${outcome.attempt + 1} in ${outcome.delayMs} ms: ${String(error)}`,
        );
        messagingMetrics.consumed.inc({ name: ctx.name, outcome: 'retried' });
        return this.publisher.sendToQueue(this.topology.retryQueue(outcome.attempt), message.content, {
          ...this.copyProperties(message),
          headers: { ...message.properties.headers, [Headers.attempt]: outcome.attempt + 1 },
        });
      case 'dead-letter':
        await this.deadLetter(message, outcome.reason);
        return this.reply(message, {
          ok: false,
          error: { code: MessagingErrors.FAILED, message: 'request failed' },
        });
    }
  }

  private async deadLetter(message: ConsumeMessage, why: string): Promise<void> {
    const reason = boundedReason(why);
    this.log.error(
      `dead-lettered ${String(message.properties.type)} ${String(message.properties.messageId)}: ${reason}`,
    );
    messagingMetrics.consumed.inc({ name: String(message.properties.type), outcome: 'dead_lettered' });
    await this.publisher.sendToQueue(this.topology.deadLetterQueue, message.content, {
      ...this.copyProperties(message),
      headers: {
        ...message.properties.headers,
        [Headers.deadReason]: reason,
        [Headers.deadAt]: new Date().toISOString(),
        [Headers.deadFrom]: this.topology.queue,
      },
    });
  }

  private async reply(message: ConsumeMessage, envelope: ReplyEnvelope): Promise<void> {
    const replyTo = message.properties.replyTo as string | undefined;
    if (!replyTo) return;
    await this.publisher.sendToQueue(replyTo, encode(envelope), {
      correlationId: String(message.properties.correlationId),
      contentType: 'application/json',
      persistent: false,
      timeout: PUBLISH_TIMEOUT_MS,
    });
  }

  private copyProperties(message: ConsumeMessage) {
    const p = message.properties;
    return {
      messageId: p.messageId as string,
      type: p.type as string,
      correlationId: p.correlationId as string | undefined,
      replyTo: p.replyTo as string | undefined,
      contentType: (p.contentType as string | undefined) ?? 'application/json',
      timestamp: p.timestamp as number | undefined,
      persistent: true,
      timeout: PUBLISH_TIMEOUT_MS,
    };
  }

  private ack(channel: Channel, message: ConsumeMessage): void {
    this.settle(() => channel.ack(message), message);
  }

  private settle(action: () => void, message: ConsumeMessage): void {
    try {
      action();
    } catch {
      // The channel closed under us: the broker redelivers, and the inbox makes that harmless.
      this.log.warn(
        `ack of ${String(message.properties.messageId)} lost with its channel; it will be redelivered`,
      );
    }
  }

  /** SIGTERM: stop taking messages, finish and ack those in flight, then let the app close. */
  async beforeApplicationShutdown(): Promise<void> {
    this.draining = true;
    const consumer = this.consumer;
    this.consumer = undefined;
    if (consumer) await consumer.channel.cancel(consumer.tag).catch(() => undefined);
    const idle = await this.inFlight.idle(this.options.shutdownTimeoutMs);
    if (!idle)
      this.log.warn(
        `${this.inFlight.size} messages still in flight at shutdown; the broker will redeliver them`,
      );
    this.drainDone?.();
  }

  async close(): Promise<void> {
    this.draining = true;
    await this.channel?.close();
  }

  on(): void {
    // No transport events to subscribe to: connection state is logged and exposed through readiness.
  }

  unwrap<T>(): T {
    return this.connection.manager as T;
  }
}
