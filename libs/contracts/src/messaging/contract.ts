/** A class whose instances are a message's payload; validated with class-validator decorators. */
export type PayloadClass<T> = new () => T;

/** A request/reply message: the owner consumes it and answers `Reply`. */
export interface CommandContract<Req, Reply> {
  readonly kind: 'command';
  readonly name: string;
  readonly request: PayloadClass<Req>;
  /** Phantom field: carries the reply type for the typed client; never set at run time. */
  readonly reply?: Reply;
}

/** A fact that happened: published through the outbox, consumed by anyone bound to it. */
export interface EventContract<P> {
  readonly kind: 'event';
  readonly name: string;
  readonly payload: PayloadClass<P>;
}

export type AnyContract = CommandContract<unknown, unknown> | EventContract<unknown>;
export type RequestOf<C> = C extends CommandContract<infer R, unknown> ? R : never;
export type ReplyOf<C> = C extends CommandContract<unknown, infer R> ? R : never;
export type PayloadOf<C> = C extends EventContract<infer P> ? P : never;

const WIRE_NAME = /^[a-z]+\.[a-z][a-z-]*(\.[a-z][a-z-]*)*\.v[1-9][0-9]*$/;

function checkName(name: string): string {
  if (!WIRE_NAME.test(name)) throw new Error(`message name ${name} is not <service>.<thing>.<verb>.v<N>`);
  return name;
}

/** Declares a command; the reply type is given as the second type argument. */
export function defineCommand<Req, Reply>(
  name: string,
  request: PayloadClass<Req>,
): CommandContract<Req, Reply> {
  return { kind: 'command', name: checkName(name), request };
}

/** Declares an event and its payload class. */
export function defineEvent<P>(name: string, payload: PayloadClass<P>): EventContract<P> {
  return { kind: 'event', name: checkName(name), payload };
}

/** The payload class a consumer validates an incoming message of this contract against. */
export function payloadClassOf(contract: AnyContract): PayloadClass<unknown> {
  return contract.kind === 'command' ? contract.request : contract.payload;
}
