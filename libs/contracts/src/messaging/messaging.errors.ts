import { isDomainError, type DomainError } from './message-error';

// Wire codes: produced by libs/messaging on the caller's side, consumed by every service that sends requests.
export const MessagingErrors = {
  /** No answer came before the request's deadline. */
  TIMEOUT: 'MESSAGING.TIMEOUT',
  /** The broker could not be reached to take the request before its deadline. */
  UNAVAILABLE: 'MESSAGING.UNAVAILABLE',
  /** The broker had no queue bound for the request's name. */
  NO_ROUTE: 'MESSAGING.NO_ROUTE',
  /** The request's payload failed validation at the consumer (it was dead-lettered). */
  INVALID: 'MESSAGING.INVALID_MESSAGE',
  /** The consumer could not process the request (it was dead-lettered). */
  FAILED: 'MESSAGING.FAILED',
} as const;
export type MessagingErrorCode = (typeof MessagingErrors)[keyof typeof MessagingErrors];

/**
 * A refusal: a domain error that is the handler's answer, acked and replied to. The messaging lib's own codes
 * (a timeout, no route: from a request the handler made downstream) are not: they are transient.
 */
export function isRefusal(error: unknown): error is DomainError {
  return isDomainError(error) && !error.code.startsWith('MESSAGING.');
}
