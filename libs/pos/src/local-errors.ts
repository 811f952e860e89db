/** What the terminal itself refuses before asking the platform; `code` picks the sentence shown. */
export type LocalErrorCode =
  | 'not-activated'
  | 'already-activated'
  | 'no-cashier'
  | 'not-logged-in'
  | 'session-expired'
  | 'advice-queued'
  | 'usage';

export class PosLocalError extends Error {
  constructor(
    readonly code: LocalErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}
