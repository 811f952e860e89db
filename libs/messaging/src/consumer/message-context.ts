import { BaseRpcContext } from '@nestjs/microservices';
import type { ConsumeMessage } from 'amqplib';
import { Headers, headerNumber, headerString } from '../wire';

/** What a handler may know about the message it handles (`@Ctx() ctx: MessageContext`). */
export class MessageContext extends BaseRpcContext<[ConsumeMessage]> {
  get message(): ConsumeMessage {
    return this.args[0];
  }

  /** The message's unique id: the inbox key that makes a redelivery harmless. */
  get messageId(): string {
    return String(this.message.properties.messageId);
  }

  get name(): string {
    return String(this.message.properties.type);
  }

  /** Retries already made; anything but a whole number from 0 up counts as a first delivery. */
  get attempt(): number {
    const attempt = headerNumber(this.message.properties.headers, Headers.attempt) ?? 0;
    return Number.isInteger(attempt) && attempt >= 0 ? attempt : 0;
  }

  /** A message must say what it is and carry an id (the inbox key) to be handled at all. */
  get identified(): boolean {
    const messageId: unknown = this.message.properties.messageId;
    const type: unknown = this.message.properties.type;
    return (
      typeof messageId === 'string' && messageId.length > 0 && typeof type === 'string' && type.length > 0
    );
  }

  get correlationId(): string | undefined {
    return headerString(this.message.properties.headers, Headers.correlationId);
  }

  /** A request's deadline in epoch ms; undefined for events. */
  get deadline(): number | undefined {
    return headerNumber(this.message.properties.headers, Headers.deadline);
  }

  get redelivered(): boolean {
    return this.message.fields.redelivered;
  }
}
