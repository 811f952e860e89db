import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import amqp, { type AmqpConnectionManager, type ChannelWrapper } from 'amqp-connection-manager';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';

/** The process's one broker connection; it reconnects by itself and re-runs every channel's setup. */
@Injectable()
export class AmqpConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(AmqpConnection.name);
  readonly manager: AmqpConnectionManager;

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    this.manager = amqp.connect([options.url], {
      heartbeatIntervalInSeconds: 5,
      reconnectTimeInSeconds: 1,
      connectionOptions: {
        clientProperties: { connection_name: `${options.service}:${options.instanceId}` },
      },
    });
    this.manager.on('connect', () => this.logger.log('connected to the broker'));
    this.manager.on('disconnect', ({ err }) =>
      this.logger.warn(`disconnected from the broker: ${err?.message ?? 'closed'}`),
    );
    this.manager.on('connectFailed', ({ err }) =>
      this.logger.warn(`cannot reach the broker: ${err?.message ?? 'unknown'}`),
    );
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
    await this.manager.close();
  }
}
