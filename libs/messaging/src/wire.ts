import { payloadClassOf, toJson, type AnyContract, type WireError } from '@tillpoint/contracts';
import type { ConsumeMessage, MessagePropertyHeaders } from 'amqplib';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

// Header names on every message we publish.
export const Headers = {
  correlationId: 'x-correlation-id',
  /** Epoch milliseconds after which nobody waits for the answer to a request. */
  deadline: 'x-deadline',
  /** How many times this message has already failed and been retried. */
  attempt: 'x-attempt',
  occurredAt: 'x-occurred-at',
  deadReason: 'x-dead-reason',
  deadAt: 'x-dead-at',
  deadFrom: 'x-dead-from',
} as const;

/** The body of every reply. */
export type ReplyEnvelope = { ok: true; data: unknown } | { ok: false; error: WireError };

export type Decoded = { ok: true; payload: object } | { ok: false; reason: string };

/** Parses and validates a message body against its contract; says why when it cannot. */
export function decode(message: ConsumeMessage, contract: AnyContract): Decoded {
  let body: unknown;
  try {
    body = JSON.parse(message.content.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `body is not JSON: ${(error as Error).message}` };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, reason: 'body is not a JSON object' };
  }
  const inexact = inexactNumber(message.content.toString('utf8'));
  if (inexact !== undefined) {
    return {
      ok: false,
      reason: `the number ${inexact.slice(0, 40)} is not a whole number JSON can carry exactly; send money as a string of digits`,
    };
  }
  const payload = plainToInstance(payloadClassOf(contract), body) as object;
  const errors = validateSync(payload, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (errors.length > 0) return { ok: false, reason: `invalid ${contract.name}: ${describe(errors)}` };
  return { ok: true, payload };
}

function describe(errors: ValidationError[], parent = ''): string {
  return errors
    .map((e) => {
      const path = parent ? `${parent}.${e.property}` : e.property;
      const own = Object.values(e.constraints ?? {}).join(', ');
      const nested = e.children?.length ? describe(e.children, path) : '';
      return [own && `${path}: ${own}`, nested].filter(Boolean).join('; ');
    })
    .join('; ');
}

/**
 * The first number literal in a JSON text that JSON.parse would not read exactly: a fraction, an exponent
 * or an integer beyond 2^53. `1.0000000000000001` parses as 1, which would turn a refusal into a rounding.
 */
export function inexactNumber(json: string): string | undefined {
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      let end = i + 1;
      while (end < json.length && /[0-9.eE+-]/.test(json[end])) end++;
      const literal = json.slice(i, end);
      if (/[.eE]/.test(literal) || !Number.isSafeInteger(Number(literal))) return literal;
      i = end - 1;
    }
  }
  return undefined;
}

export function encode(value: unknown): Buffer {
  return Buffer.from(toJson(value), 'utf8');
}

/** Dead-letter reasons go into a header: bounded, so that a hostile payload cannot make it unsendable. */
export const MAX_REASON_LENGTH = 1000;

export function boundedReason(reason: string): string {
  return reason.length <= MAX_REASON_LENGTH
    ? reason
    : `${reason.slice(0, MAX_REASON_LENGTH - 15)}... (truncated)`;
}

export function headerNumber(headers: MessagePropertyHeaders | undefined, name: string): number | undefined {
  const value: unknown = headers?.[name];
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

export function headerString(headers: MessagePropertyHeaders | undefined, name: string): string | undefined {
  const value: unknown = headers?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** A reply body we can trust the shape of, or undefined. */
export function readEnvelope(content: Buffer): ReplyEnvelope | undefined {
  try {
    const body = JSON.parse(content.toString('utf8')) as Partial<{
      ok: unknown;
      data: unknown;
      error: unknown;
    }>;
    if (typeof body !== 'object' || body === null) return undefined;
    if (body.ok === true) return { ok: true, data: body.data };
    const error = body.error as Partial<WireError> | undefined;
    if (body.ok === false && typeof error?.code === 'string' && typeof error.message === 'string') {
      return { ok: false, error: error as WireError };
    }
    return undefined;
  } catch {
    return undefined;
  }
}
