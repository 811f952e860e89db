/**
 * A refusal that crosses a process boundary. `instanceof` does not survive the wire, so callers
 * branch on `code` (e.g. `LEDGER.INSUFFICIENT_FUNDS`), never on the class.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** What a failed reply carries on the wire. */
export interface WireError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** A domain error as a reply carries it. */
export function toWireError(error: DomainError): WireError {
  return { code: error.code, message: error.message, details: error.details };
}

/** The domain error a reply carried, to throw on the caller's side. */
export function fromWireError(error: WireError): DomainError {
  return new DomainError(error.code, error.message, error.details);
}

export function isDomainError(error: unknown): error is DomainError {
  return (
    error instanceof DomainError ||
    (typeof error === 'object' &&
      error !== null &&
      (error as { name?: unknown }).name === 'DomainError' &&
      typeof (error as { code?: unknown }).code === 'string')
  );
}
