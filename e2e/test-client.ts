import { Test, type TestingModule } from '@nestjs/testing';
import { MessageClient, MessagingModule } from '@tillpoint/messaging';
import { testServers, uniqueName } from '@tillpoint/testing';

/** A typed message client for tests, as another service would hold (it consumes nothing itself). */
export async function openTestClient(namespace: string, amqpUrl = testServers.amqpUrl): Promise<TestClient> {
  const module = await Test.createTestingModule({
    imports: [
      MessagingModule.forRoot({
        service: 'test-client',
        instanceId: uniqueName('client-'),
        url: amqpUrl,
        namespace,
        prefetch: 10,
        retryDelaysMs: [],
        requestTimeoutMs: 5000,
        shutdownTimeoutMs: 1000,
        contracts: [],
        database: false,
      }),
    ],
  }).compile();
  await module.init();
  return new TestClient(module);
}

export class TestClient {
  constructor(private readonly module: TestingModule) {}

  get client(): MessageClient {
    return this.module.get(MessageClient);
  }

  close(): Promise<void> {
    return this.module.close();
  }
}
