import { ProblemError, NoAnswerError, problemSlug, type Problem } from './http';
import { PosLocalError, type LocalErrorCode } from './local-errors';

/** One plain sentence per problem a terminal can meet, by the slug of its `type`. */
const PROBLEM_SENTENCES: Record<string, string> = {
  // The sale itself.
  'insufficient-float':
    'The shop float is too low for this sale. Nothing was charged; top up the float first.',
  'out-of-stock': 'This product is out of stock. Nothing was charged; try another product.',
  'operator-declined': 'The operator declined this top-up or payment. Nothing was charged.',
  'client-ref-conflict': 'This receipt number was already used for a different sale. Start a new sale.',
  'idempotency-conflict': 'This receipt number was already used for a different sale. Start a new sale.',
  'unknown-product': 'There is no such product. Run `products` to see what this terminal sells.',
  'currency-mismatch': 'This product is not sold in the currency of this shop.',
  'wrong-currency': 'This product is not sold in the currency of this shop.',
  'sale-amount-out-of-range':
    'The amount is outside what this product allows. Check the limits with `products`.',
  'no-float': 'This shop has no float yet. Ask the platform admin to top it up.',
  'sale-abandoned':
    'The sale could not be finished and was undone: nothing was charged. Sell again with a new reference.',
  'try-again': 'The platform could not apply this just now; it is sent again automatically.',
  'receipt-not-found': 'No receipt for this sale (a failed sale has none).',
  'pin-unreadable': 'The receipt copy cannot be opened on the platform. Report it.',
  'unsupported-media-type': 'The request is not valid.',
  'invalid-account': 'The phone number or account is not valid for this product. Check it with the customer.',
  'amount-out-of-range': 'The amount is outside what this product allows. Check the limits with `products`.',
  'amount-not-whole': 'The amount must be a whole number of the smallest unit (cents).',
  'price-changed': 'The price changed since the product list was loaded. Run `products` and sell again.',
  'unknown-catalog-version': 'The product list is out of date. Run `products` and sell again.',
  'sale-not-found': 'No sale with this receipt number on this terminal.',
  'advice-refused':
    'The platform refused this: the sale is not in a state that allows it (or it is too late).',
  // The terminal and its cashiers.
  'invalid-credentials': 'Wrong cashier id or PIN.',
  locked: 'This cashier is locked after too many wrong PINs. Wait, or ask the shop admin.',
  'activation-refused': 'Activation refused: the serial or activation code is wrong, used or expired.',
  'unknown-device': 'The platform does not know this terminal. Activate it again with a new code.',
  'bad-signature':
    "The request signature was refused: this terminal's secret does not match. Activate it again.",
  'signature-missing': 'The request was not signed. Activate this terminal first.',
  'stale-request': 'The terminal clock is off: set the date and time, then retry.',
  'replayed-request': 'The platform saw this exact request already; send it again.',
  'token-expired': 'The cashier session expired. Log in again.',
  'invalid-token': 'The cashier session is not valid. Log in again.',
  'session-revoked': 'The cashier was logged out. Log in again.',
  forbidden: 'This terminal or cashier may not do that (the terminal may be blocked).',
  'terminal-blocked': 'This terminal is blocked. Call the shop admin.',
  'rate-limited': 'Too many requests: wait a moment and retry.',
  // The request or the platform.
  'invalid-request': 'The request is not valid.',
  'malformed-json': 'The request is not valid.',
  'payload-too-large': 'The request is too large.',
  'route-not-found': 'The platform does not offer this yet (is the gateway up to date?).',
  'not-found': 'Not found.',
  'upstream-timeout': 'The platform did not answer in time. Ask the status of the sale before selling again.',
  'service-unavailable': 'The platform is not available right now; retry in a moment.',
  'upstream-failed': 'The platform failed to answer; retry in a moment.',
  internal: 'The platform failed on this request; retry, and report it if it keeps happening.',
};

const LOCAL_SENTENCES: Record<LocalErrorCode, string> = {
  'not-activated': 'This terminal is not activated: run `activate <serial> <activation code>` first.',
  'already-activated': 'This terminal is already activated (its files are in the --home directory).',
  'no-cashier': 'No cashier is logged in: run `login <cashier id>` first.',
  'not-logged-in': 'That cashier is not logged in on this terminal: run `login <cashier id>`.',
  'session-expired': 'The cashier session expired: run `login <cashier id>` again.',
  'advice-queued':
    'The platform did not acknowledge it yet: it is kept in the journal and sent again with the next command.',
  usage: 'Unknown command or missing argument: run `help`.',
};

/** What the prompt shows for a failure: one sentence, the platform's detail, and its reference. */
export function explain(error: unknown): string {
  if (error instanceof PosLocalError) {
    return error.code === 'usage' && error.detail
      ? `${capitalise(error.detail)}: run \`help\`.`
      : LOCAL_SENTENCES[error.code];
  }
  if (error instanceof NoAnswerError) {
    return 'No answer from the platform (the network or the gateway is down). If this was a sale, it is taken back automatically once the platform answers again.';
  }
  if (error instanceof ProblemError) return explainProblem(error.problem);
  return `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

export function explainProblem(problem: Problem): string {
  const sentence = PROBLEM_SENTENCES[problemSlug(problem)] ?? `${problem.title}.`;
  const detail = problem.detail && !sentence.includes(problem.detail) ? ` (${problem.detail})` : '';
  const ref = problem.correlationId ? ` [ref ${problem.correlationId}]` : '';
  return `${sentence}${detail}${ref}`;
}

export function knownProblemSlugs(): string[] {
  return Object.keys(PROBLEM_SENTENCES);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
