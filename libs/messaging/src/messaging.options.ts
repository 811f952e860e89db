import type { AnyContract } from '@tillpoint/contracts';

/** What a service tells the messaging lib about itself. */
export interface MessagingOptions {
  /** The service name; its work queue is `<namespace>.<service>`. */
  service: string;
  /** Distinguishes this process in logs, connection names and ping replies. */
  instanceId: string;
  url: string;
  namespace: string;
  prefetch: number;
  /** Back-off before each retry; its length is the number of retries before dead-lettering. */
  retryDelaysMs: number[];
  requestTimeoutMs: number;
  shutdownTimeoutMs: number;
  /** Every contract this process may consume: incoming payloads are validated against them. */
  contracts: AnyContract[];
  /** With a database: the outbox relay and the inbox-backed unit of work are provided. */
  database: boolean;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
