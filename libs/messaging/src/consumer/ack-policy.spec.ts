import { DomainError } from '@tillpoint/contracts';
import { decideFailure } from './ack-policy';

describe(decideFailure.name, () => {
  const base = { attempt: 0, retryDelaysMs: [100, 500], now: 1_000 };

  it('answers a domain refusal instead of retrying it', () => {
    const outcome = decideFailure({ ...base, error: new DomainError('LEDGER.INSUFFICIENT_FUNDS', 'short') });
    expect(outcome).toEqual({
      kind: 'refuse',
      error: { code: 'LEDGER.INSUFFICIENT_FUNDS', message: 'short', details: undefined },
    });
  });

  it('recognises a domain refusal that lost its class on the way', () => {
    const plain = Object.assign(new Error('gone'), { name: 'DomainError', code: 'X.Y' });
    expect(decideFailure({ ...base, error: plain }).kind).toBe('refuse');
  });

  it('retries a downstream timeout instead of taking it for an answer', () => {
    const outcome = decideFailure({ ...base, error: new DomainError('MESSAGING.TIMEOUT', 'no answer') });
    expect(outcome).toEqual({ kind: 'retry', attempt: 0, delayMs: 100 });
  });

  it('retries an unknown failure with the back-off of its attempt', () => {
    expect(decideFailure({ ...base, attempt: 1, error: new Error('db down') })).toEqual({
      kind: 'retry',
      attempt: 1,
      delayMs: 500,
    });
  });

  it('dead-letters with the reason once the retries are spent', () => {
    const outcome = decideFailure({ ...base, attempt: 2, error: new Error('still down') });
    expect(outcome).toEqual({ kind: 'dead-letter', reason: 'handler failed after 3 attempts: still down' });
  });

  it('does not retry a request past its deadline', () => {
    const outcome = decideFailure({ ...base, deadline: 1_050, error: new Error('boom') });
    expect(outcome.kind).toBe('dead-letter');
  });
});
