import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import amqp, { type AmqpConnectionManager, type ChannelWrapper } from 'amqp-connection-manager';
import type { Channel } from 'amqplib';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { brokerSocket, coalesceWrites } from './coalesced-writes';

/** The process's one broker connection; it reconnects by itself and re-runs every channel's setup. */
@Injectable()
export class AmqpConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(AmqpConnection.name);
  readonly manager: AmqpConnectionManager;
  private closing = false;

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    this.manager = amqp.connect([options.url], {
      heartbeatIntervalInSeconds: 5,
      reconnectTimeInSeconds: 1,
      connectionOptions: {
        // Every request/reply is a few small frames: with Nagle's algorithm each waits for the peer's delayed
        // ACK (about 40 ms a hop on Linux), which made one round trip ~48 ms instead of ~12.
        noDelay: true,
        clientProperties: { connection_name: `${options.service}:${options.instanceId}` },
      },
    });
    this.manager.on('connect', ({ connection }) => {
      // Each reconnect is a new socket: its frames are coalesced too.
      const socket = brokerSocket(connection);
      if (socket) coalesceWrites(socket);
      else this.logger.warn('no socket found under the broker connection: frames are written one by one');
      this.logger.log('connected to the broker');
    });
    this.manager.on('disconnect', ({ err }) =>
      this.logger.warn(`disconnected from the broker: ${err?.message ?? 'closed'}`),
    );
    this.manager.on('connectFailed', ({ err }) =>
      this.logger.warn(
        `cannot reach the broker: ${err?.message ?? 'unknown'} (is it up, does the vhost exist, may the user use it?)`,
      ),
    );
  }

  /**
   * Call from a channel's setup. amqp-connection-manager only makes a new channel on reconnect, so a
   * channel the broker closed with an error under a live connection would stay dead: we reconnect,
   * which sets every channel up again. (A channel closed because its connection closed is not an error,
   * and the reconnect that follows handles it.)
   */
  reviveOnClose(channel: Channel, name: string): void {
    channel.once('error', (error: Error) => {
      if (this.closing) return;
      this.logger.warn(`the broker closed the ${name} channel (${error.message}); reconnecting`);
      this.reconnect();
    });
  }

  /** Reconnects now (every channel is set up again); harmless while already reconnecting or closing. */
  reconnect(): void {
    if (this.closing || !this.manager.isConnected()) return;
    try {
      this.manager.reconnect();
    } catch (error) {
      this.logger.warn(`reconnect failed: ${(error as Error).message}`);
    }
  }

  /** Logs a channel's failures (a setup cut short by a disconnect); the channel is set up again on reconnect. */
  watch(channel: ChannelWrapper): void {
    channel.on('error', (error: Error, info: { name?: string }) =>
      this.logger.warn(`channel ${info?.name ?? ''} failed: ${error.message}`),
    );
  }

  isConnected(): boolean {
    return this.manager.isConnected();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.manager
      .close()
      .catch((error: Error) => this.logger.warn(`closing the connection: ${error.message}`));
  }
}
