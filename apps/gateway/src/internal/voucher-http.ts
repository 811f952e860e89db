import { Injectable } from '@nestjs/common';
import {
  DomainError,
  GatewayErrors,
  INTERNAL_TOKEN_HEADER,
  PRINCIPAL_HEADER,
  VoucherErrors,
  type Principal,
  type StockRowError,
} from '@tillpoint/contracts';
import type { Request, Response } from 'express';
import http, { type IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { GatewayConfig } from '../config/gateway.config';

/** Upstream answers read whole: only error bodies, which voucher keeps small (a capped row list). */
const ERROR_BODY_LIMIT = 256 * 1024;

/**
 * Voucher's internal HTTP endpoints (stock upload, CSV export), which move data too big for a message:
 * request and answer bodies are streamed through, never buffered, with the internal token and the
 * principal the gateway verified.
 */
@Injectable()
export class VoucherHttp {
  constructor(private readonly config: GatewayConfig) {}

  /** Streams the caller's body to voucher; resolves with voucher's JSON answer, throws its refusal. */
  async upload(path: string, principal: Principal, req: Request): Promise<unknown> {
    const upstream = this.open('POST', path, principal, {
      'content-type': req.header('content-type') ?? 'application/octet-stream',
    });
    const answered = answerOf(upstream);
    // A caller that stops sending destroys both sides, which fails `answered`; voucher may also answer a
    // refusal before the body ends, so the answer, not the end of the body, is what is awaited.
    pipeline(req, upstream).catch(() => upstream.destroy());
    const response = await answered;
    if (response.statusCode === 201) return JSON.parse(await readSmall(response));
    throw await refusalOf(response);
  }

  /** Streams voucher's answer (a CSV export) back to the caller as it comes. */
  async download(path: string, principal: Principal, res: Response): Promise<void> {
    const upstream = this.open('GET', path, principal, {});
    upstream.end();
    const response = await answerOf(upstream);
    if (response.statusCode !== 200) throw await refusalOf(response);
    res.status(200);
    for (const name of ['content-type', 'content-disposition']) {
      const value = response.headers[name];
      if (typeof value === 'string') res.setHeader(name, value);
    }
    await pipeline(response, res);
  }

  private open(method: string, path: string, principal: Principal, headers: Record<string, string>) {
    return http.request(`${this.config.voucherUrl}${path}`, {
      method,
      headers: {
        ...headers,
        [INTERNAL_TOKEN_HEADER]: this.config.internalApiToken,
        [PRINCIPAL_HEADER]: Buffer.from(JSON.stringify(principal)).toString('base64url'),
      },
    });
  }
}

function answerOf(request: http.ClientRequest): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', () =>
      reject(new DomainError(GatewayErrors.UNAVAILABLE, 'the voucher service is not reachable')),
    );
  });
}

async function readSmall(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > ERROR_BODY_LIMIT) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

interface UpstreamRefusal {
  code?: string;
  message?: string;
  errors?: StockRowError[];
  errorCount?: number;
}

/** Voucher's refusal as our DomainError: its code and, for a batch, the bad rows as {row, reason}. */
async function refusalOf(response: IncomingMessage): Promise<DomainError> {
  const status = response.statusCode ?? 500;
  let body: UpstreamRefusal = {};
  try {
    body = JSON.parse(await readSmall(response)) as UpstreamRefusal;
  } catch {
    // Not JSON: only the status is known.
  }
  if (status === 403) return new DomainError(VoucherErrors.FORBIDDEN, 'not allowed');
  if (status === 400) return new DomainError(GatewayErrors.INVALID_REQUEST, body.message ?? 'invalid query');
  if (status === 422 && body.code) {
    const errors = body.errors?.map((e) => ({ row: e.line, reason: e.code, message: e.message }));
    return new DomainError(body.code, body.message ?? 'refused', {
      ...(errors ? { errors, errorCount: body.errorCount ?? errors.length } : {}),
    });
  }
  // 401 (our token) or 5xx: ours, answered without voucher's words.
  return new DomainError(GatewayErrors.INTERNAL, `voucher answered ${status}`);
}
