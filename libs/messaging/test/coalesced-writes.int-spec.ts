import type { Writable } from 'node:stream';
import { AmqpConnection, brokerSocket, Publisher, type MessagingOptions } from '@tillpoint/messaging';
import { eventually, testServers, uniqueName } from '@tillpoint/testing';
import amqplib, { type Channel, type ChannelModel } from 'amqplib';

/** Counts what amqplib hands the socket (frames) and what the socket hands the kernel (write syscalls). */
function countWrites(socket: Writable) {
  const counts = { frames: 0, syscalls: 0, heartbeats: 0 };
  const target = socket as Writable & { _write: Writable['_write']; _writev?: Writable['_writev'] };
  const write = socket.write;
  socket.write = function (this: Writable, chunk: Buffer, ...rest: unknown[]) {
    counts.frames++;
    // A heartbeat is the 8-byte frame of type 8.
    if (chunk.length === 8 && chunk[0] === 8) counts.heartbeats++;
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as Writable['write'];
  for (const name of ['_write', '_writev'] as const) {
    const original = target[name] as ((...args: unknown[]) => void) | undefined;
    if (!original) continue;
    target[name] = function (this: Writable, ...args: unknown[]) {
      counts.syscalls++;
      return original.apply(this, args);
    } as never;
  }
  return counts;
}

describe('coalesced writes on the broker connection', () => {
  const namespace = uniqueName('t');
  const options = {
    service: 'ledger',
    instanceId: uniqueName('i'),
    url: testServers.amqpUrl,
    namespace,
  } as MessagingOptions;
  let connection: AmqpConnection;
  let publisher: Publisher;
  let tap: ChannelModel;
  const received: string[] = [];

  const currentSocket = () => brokerSocket(connection.manager.connection!)!;

  beforeAll(async () => {
    connection = new AmqpConnection(options);
    publisher = new Publisher(connection, options);
    await publisher.publish('warm.up', Buffer.from('0'), { timeout: 10_000 }); // the exchange now exists
    tap = await amqplib.connect(testServers.amqpUrl);
    await listen(await tap.createChannel());
  });

  async function listen(channel: Channel) {
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, publisher.exchange, 'burst.#');
    await channel.consume(queue, (message) => message && received.push(message.content.toString()), {
      noAck: true,
    });
  }

  afterAll(async () => {
    await connection?.onApplicationShutdown();
    const channel = await tap?.createChannel();
    await channel?.deleteExchange(publisher.exchange);
    await tap?.close();
  });

  async function burst(n: number, tag: string) {
    const counts = countWrites(currentSocket());
    const bodies = Array.from({ length: n }, (_, i) => `${tag}-${i}`);
    await Promise.all(
      bodies.map((body) =>
        publisher.publish('burst.one', Buffer.from(body), { persistent: true, timeout: 10_000 }),
      ),
    );
    await eventually(() => received.length >= n, { what: `${n} messages` });
    return { counts, bodies, received: received.splice(0) };
  }

  it('sends a burst of publishes in far fewer socket writes than frames, all delivered in order', async () => {
    const { counts, bodies, received } = await burst(300, 'a');
    expect(received).toEqual(bodies);
    expect(counts.frames).toBeGreaterThanOrEqual(300);
    expect(counts.syscalls).toBeLessThan(counts.frames / 10);
  });

  it('coalesces on the new socket after a reconnect, and loses nothing', async () => {
    const before = currentSocket();
    connection.reconnect();
    await eventually(() => connection.isConnected() && currentSocket() !== before, { what: 'a new socket' });
    const { counts, bodies, received } = await burst(300, 'b');
    expect(received).toEqual(bodies);
    expect(counts.syscalls).toBeLessThan(counts.frames / 10);
  });

  it('still sends heartbeats while idle, and each one leaves the socket', async () => {
    const counts = countWrites(currentSocket());
    // The heartbeat is 5 s: a beat goes out after 2.5 to 5 s without traffic.
    await eventually(() => counts.heartbeats > 0 && counts.syscalls >= counts.heartbeats, {
      timeoutMs: 12_000,
      what: 'a heartbeat on the wire',
    });
    expect(connection.isConnected()).toBe(true);
  });
});
