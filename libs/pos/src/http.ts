import { randomBytes } from 'node:crypto';
import { SigningHeaders, signRequest } from '@tillpoint/contracts';

/** An RFC 9457 problem as the gateway answers every failure. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  correlationId?: string;
  [member: string]: unknown;
}

export const PROBLEM_BASE = 'https://tillpoint.dev/problems/';

/** The last part of a problem type (`insufficient-float`), or the whole type if it is not one of ours. */
export function problemSlug(problem: Pick<Problem, 'type'>): string {
  return problem.type.startsWith(PROBLEM_BASE) ? problem.type.slice(PROBLEM_BASE.length) : problem.type;
}

/** The platform answered with a 4xx or 5xx. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.title}`);
  }

  get status(): number {
    return this.problem.status;
  }

  get slug(): string {
    return problemSlug(this.problem);
  }
}

/** No answer at all: the connection failed or the deadline passed. The request may or may not have landed. */
export class NoAnswerError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    cause: unknown,
  ) {
    super(`no answer to ${method} ${path}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export interface DeviceCredentials {
  terminalId: string;
  deviceId: string;
  deviceSecret: string;
}

export interface SendOptions {
  body?: unknown;
  /** Signs the request as this device (every POS route but activation). */
  device?: DeviceCredentials;
  token?: string;
  headers?: Record<string, string>;
  /** Sent as is (a stock file), with its content type in `headers`. */
  rawBody?: Buffer | string;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** One HTTP exchange with the gateway: JSON in and out, signed as a terminal when given its device. */
export class GatewayHttp {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 20_000,
  ) {}

  async send(method: string, path: string, options: SendOptions = {}): Promise<Answer> {
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.body !== undefined && options.rawBody === undefined)
      headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.device) Object.assign(headers, signedHeaders(options.device, method, path, body ?? ''));
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.baseUrl.replace(/\/$/, '') + path, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new NoAnswerError(method, path, error);
    }
    const answer: Answer = {
      status: response.status,
      headers: response.headers,
      text,
      json: parseJson(text),
    };
    if (response.status >= 400) throw new ProblemError(asProblem(answer));
    return answer;
  }
}

/** The four signing headers of one terminal request, with a fresh nonce and the current time. */
export function signedHeaders(
  device: DeviceCredentials,
  method: string,
  path: string,
  body: Buffer | string,
): Record<string, string> {
  const timestamp = String(Date.now());
  const nonce = randomBytes(18).toString('base64url');
  return {
    [SigningHeaders.deviceId]: device.deviceId,
    [SigningHeaders.timestamp]: timestamp,
    [SigningHeaders.nonce]: nonce,
    [SigningHeaders.signature]: signRequest(device.deviceSecret, { method, path, timestamp, nonce, body }),
  };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The problem body, or one made up from the status when the answer is not problem+json (a proxy's 502). */
function asProblem(answer: Answer): Problem {
  const json = answer.json as Partial<Problem> | undefined;
  if (json && typeof json.type === 'string' && typeof json.title === 'string') {
    return { ...json, type: json.type, title: json.title, status: answer.status };
  }
  return {
    type: 'about:blank',
    title: `HTTP ${answer.status}`,
    status: answer.status,
    detail: answer.text.slice(0, 200),
  };
}
