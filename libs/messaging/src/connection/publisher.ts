import { Inject, Injectable } from '@nestjs/common';
import type { ChannelWrapper, Options } from 'amqp-connection-manager';
import type { ConfirmChannel, Message } from 'amqplib';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { AmqpConnection } from './amqp-connection';
import { Topology } from './topology';

const RESEND_PAUSE_MS = 100;

export type PublishOptions = Options.Publish & { timeout?: number };

/**
 * Publishes over a confirm channel: a publish resolves only when the broker has taken the message.
 * While the broker is away publishes wait (up to their timeout) and go out after the reconnect.
 * Its channel closes with the connection (AmqpConnection), after everything else has stopped.
 */
@Injectable()
export class Publisher {
  readonly exchange: string;
  private readonly channel: ChannelWrapper;
  private readonly returnListeners = new Set<(message: Message) => void>();

  constructor(connection: AmqpConnection, @Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    this.exchange = `${options.namespace}.bus`;
    this.channel = connection.manager.createChannel({
      name: 'publisher',
      confirm: true,
      json: false,
      setup: async (channel: ConfirmChannel) => {
        await Topology.assertExchange(channel, this.exchange);
        connection.reviveOnClose(channel, 'publisher');
        // Mandatory messages nobody is bound for come back here.
        channel.on('return', (message: Message) =>
          this.returnListeners.forEach((listener) => listener(message)),
        );
      },
    });
    connection.watch(this.channel);
  }

  /** To the bus exchange, routed by message name. */
  publish(routingKey: string, body: Buffer, options: PublishOptions): Promise<void> {
    return this.untilConfirmed(options, (timeout) =>
      this.channel.publish(this.exchange, routingKey, body, { ...options, timeout }),
    );
  }

  /** Straight to one queue (replies, retries, dead letters), through the default exchange. */
  sendToQueue(queue: string, body: Buffer, options: PublishOptions): Promise<void> {
    return this.untilConfirmed(options, (timeout) =>
      this.channel.sendToQueue(queue, body, { ...options, timeout }),
    );
  }

  /**
   * A publish caught on a channel that closed (a reconnect under way) is sent again on the next one,
   * within its timeout. The broker may then hold it twice; every consumer's inbox makes that harmless.
   */
  private async untilConfirmed(
    options: PublishOptions,
    send: (timeout?: number) => Promise<unknown>,
  ): Promise<void> {
    const deadline = options.timeout === undefined ? undefined : Date.now() + options.timeout;
    for (;;) {
      const left = deadline === undefined ? undefined : deadline - Date.now();
      try {
        await send(left === undefined ? undefined : Math.max(1, left));
        return;
      } catch (error) {
        const closed = /channel closed|channel ended|connection closed/i.test((error as Error).message);
        if (!closed || (deadline !== undefined && Date.now() + RESEND_PAUSE_MS >= deadline)) throw error;
        await new Promise((resolve) => setTimeout(resolve, RESEND_PAUSE_MS));
      }
    }
  }

  onReturn(listener: (message: Message) => void): void {
    this.returnListeners.add(listener);
  }
}
