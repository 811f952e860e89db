import { Injectable } from '@nestjs/common';
import type { HealthProbe } from '@tillpoint/runtime';
import { AmqpConnection } from './connection/amqp-connection';
import { MessageServer } from './consumer/message-server';

/** Ready when the broker connection is up and our consumer is attached to the work queue. */
@Injectable()
export class BrokerProbe implements HealthProbe {
  readonly name = 'broker';

  constructor(
    private readonly connection: AmqpConnection,
    private readonly server: MessageServer,
  ) {}

  check(): Promise<{ up: boolean; details: Record<string, unknown> }> {
    const connected = this.connection.isConnected();
    const consuming = this.server.consuming;
    return Promise.resolve({
      up: connected && consuming,
      details: { connected, consuming, queue: this.server.queue },
    });
  }
}
