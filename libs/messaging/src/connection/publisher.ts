import { Inject, Injectable } from '@nestjs/common';
import type { ChannelWrapper, Options } from 'amqp-connection-manager';
import type { ConfirmChannel, Message } from 'amqplib';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { AmqpConnection } from './amqp-connection';
import { Topology } from './topology';

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
    return this.channel.publish(this.exchange, routingKey, body, options).then(() => undefined);
  }

  /** Straight to one queue (replies, retries, dead letters), through the default exchange. */
  sendToQueue(queue: string, body: Buffer, options: PublishOptions): Promise<void> {
    return this.channel.sendToQueue(queue, body, options).then(() => undefined);
  }

  onReturn(listener: (message: Message) => void): void {
    this.returnListeners.add(listener);
  }
}
