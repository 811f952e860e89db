import type { Writable } from 'node:stream';
import type { ChannelModel } from 'amqplib';

const COALESCED = Symbol('tillpoint.coalescedWrites');

type Coalesced = Writable & { [COALESCED]?: true };

/**
 * Makes every write to the socket within one tick go out as one writev. amqplib writes each frame with its own
 * `socket.write`, and each is a syscall (~100-150 us here): a burst of publishes, acks and replies cost one per
 * frame. The first write of a tick corks the socket and the next tick uncorks it; order is the order of the
 * writes, and `end()` uncorks first, so nothing is held back or lost. Safe to call twice on one socket.
 */
export function coalesceWrites(socket: Writable): void {
  const target = socket as Coalesced;
  if (target[COALESCED]) return;
  target[COALESCED] = true;
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  socket.write = ((...args: unknown[]) => {
    if (!corked && !socket.writableEnded && !socket.destroyed) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return write(...args);
  }) as Writable['write'];
}

/** The socket under an amqplib connection (not in its public types), if this amqplib version has one there. */
export function brokerSocket(model: ChannelModel | object): Writable | undefined {
  const stream = (model as { connection?: { stream?: Writable } }).connection?.stream;
  return typeof stream?.cork === 'function' ? stream : undefined;
}
