import amqplib, { type Channel, type ChannelModel, type GetMessage, type Options } from 'amqplib';
import { eventually } from './eventually';
import { testServers } from './test-env';

/** A plain amqplib connection for tests: send raw bytes, read dead letters, clean a namespace up. */
export class BrokerTap {
  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: Channel,
  ) {}

  static async open(url = testServers.amqpUrl): Promise<BrokerTap> {
    const connection = await amqplib.connect(url);
    const channel = await connection.createChannel();
    return new BrokerTap(connection, channel);
  }

  /** Publishes raw bytes straight into a queue, as a broken or hostile producer would. */
  sendRaw(queue: string, body: string | Buffer, options: Options.Publish = {}): void {
    this.channel.sendToQueue(queue, Buffer.isBuffer(body) ? body : Buffer.from(body), {
      persistent: true,
      messageId: `raw-${Date.now()}-${Math.random()}`,
      ...options,
    });
  }

  /** Publishes a JSON message to a namespace's bus, as another service would (no reply expected). */
  publish(namespace: string, name: string, payload: unknown, options: Options.Publish = {}): void {
    this.channel.publish(`${namespace}.bus`, name, Buffer.from(JSON.stringify(payload)), {
      persistent: true,
      type: name,
      contentType: 'application/json',
      messageId: `tap-${Date.now()}-${Math.random()}`,
      ...options,
    });
  }

  /** A queue bound to `name` that nobody consumes: a service whose process is gone. */
  async bindOrphan(namespace: string, name: string): Promise<string> {
    const queue = `${namespace}.orphan`;
    await this.channel.assertExchange(`${namespace}.bus`, 'topic', { durable: true });
    await this.channel.assertQueue(queue, { durable: false, autoDelete: false });
    await this.channel.bindQueue(queue, `${namespace}.bus`, name);
    return queue;
  }

  /** A queue of the test's own that receives copies of the messages with these names on a namespace's bus. */
  async listen(namespace: string, ...patterns: string[]): Promise<string> {
    const { queue } = await this.channel.assertQueue('', { exclusive: true, autoDelete: true });
    for (const pattern of patterns) await this.channel.bindQueue(queue, `${namespace}.bus`, pattern);
    return queue;
  }

  /** Waits for `count` messages on a queue and takes them off it (acked). */
  async take(queue: string, count = 1, timeoutMs = 20_000): Promise<GetMessage[]> {
    const taken: GetMessage[] = [];
    await eventually(
      async () => {
        const message = await this.channel.get(queue, { noAck: false });
        if (message) {
          this.channel.ack(message);
          taken.push(message);
        }
        return taken.length >= count;
      },
      { timeoutMs, intervalMs: 50, what: `${count} message(s) on ${queue}` },
    );
    return taken;
  }

  async bindQueue(queue: string, exchange: string, pattern: string): Promise<void> {
    await this.channel.bindQueue(queue, exchange, pattern);
  }

  async deleteQueue(queue: string): Promise<void> {
    await this.channel.deleteQueue(queue);
  }

  async messageCount(queue: string): Promise<number> {
    return (await this.channel.checkQueue(queue)).messageCount;
  }

  async consumerCount(queue: string): Promise<number> {
    return (await this.channel.checkQueue(queue)).consumerCount;
  }

  /** Deletes every queue and the exchange of a test namespace. */
  async deleteNamespace(
    namespace: string,
    services: string[],
    retryDelaysMs = [1000, 5000, 30000],
  ): Promise<void> {
    for (const service of services) {
      const queue = `${namespace}.${service}`;
      const queues = [queue, `${queue}.dlq`, ...retryDelaysMs.map((delay) => `${queue}.retry.${delay}ms`)];
      for (const name of queues) await this.channel.deleteQueue(name).catch(() => undefined);
    }
    await this.channel.deleteExchange(`${namespace}.bus`).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}
