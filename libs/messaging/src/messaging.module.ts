import { Global, Module, type DynamicModule, type INestApplication, type Provider } from '@nestjs/common';
import type { MicroserviceOptions, NestMicroservice } from '@nestjs/microservices';
import { MessageClient } from './client/message-client';
import { AmqpConnection } from './connection/amqp-connection';
import { Publisher } from './connection/publisher';
import { MessageServer } from './consumer/message-server';
import { PassthroughRpcFilter } from './consumer/passthrough-rpc.filter';
import { BrokerProbe } from './broker.probe';
import { FanoutSubscriber } from './fanout/fanout-subscriber';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { OutboxRelay } from './outbox/outbox.relay';
import { UnitOfWork } from './outbox/unit-of-work';

const FIRST_ATTACH_WAIT_MS = 5000;

/** The broker connection, the typed client, the consumer transport and (with a database) outbox and inbox. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: MESSAGING_OPTIONS, useValue: options },
      AmqpConnection,
      Publisher,
      MessageClient,
      MessageServer,
      BrokerProbe,
      FanoutSubscriber,
      ...(options.database ? [OutboxRelay, UnitOfWork] : []),
    ];
    return {
      module: MessagingModule,
      providers,
      exports: [
        MESSAGING_OPTIONS,
        MessageClient,
        MessageServer,
        BrokerProbe,
        FanoutSubscriber,
        ...(options.database ? [UnitOfWork, OutboxRelay] : []),
      ],
    };
  }
}

/**
 * Attaches the service's `@MessagePattern` handlers to its work queue, after the app's own init hooks ran
 * (so handlers never see a half-started service).
 */
export async function startMessaging(app: INestApplication): Promise<void> {
  await app.init();
  // Deferred so that our filter is in place before Nest wraps the handlers; the app's hooks already ran.
  const microservice = app.connectMicroservice<MicroserviceOptions>(
    { strategy: app.get(MessageServer) },
    { inheritAppConfig: false, deferInitialization: true },
  ) as NestMicroservice;
  microservice.useGlobalFilters(new PassthroughRpcFilter());
  microservice.setIsInitHookCalled(true);
  await app.startAllMicroservices();
  // Give the first attach a moment, so that a fresh platform's queues and bindings exist before the
  // service reports itself started; a broker that is away only delays readiness, not the start.
  await Promise.race([
    app.get(MessageServer).attached,
    new Promise((resolve) => setTimeout(resolve, FIRST_ATTACH_WAIT_MS)),
  ]);
}
