import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SigningHeaders, signatureMatches } from '@tillpoint/contracts';

export const DEVICE = {
  terminalId: 't-1',
  deviceId: 'dev-1',
  deviceSecret: 'fake-device-secret-of-the-test',
};

export interface Seen {
  method: string;
  path: string;
  signed: boolean;
  token?: string;
  body: string;
}

type Handler = (req: Seen, res: ServerResponse) => void;

/** A stand-in gateway that checks every terminal signature as the real one does and answers by handler. */
export class FakeGateway {
  readonly seen: Seen[] = [];
  private server: Server;

  constructor(private handler: Handler) {
    this.server = createServer((req, res) => this.serve(req, res));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  answer(handler: Handler): void {
    this.handler = handler;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const header = (name: string) => String(req.headers[name] ?? '');
      const parts = {
        method: req.method ?? '',
        path: req.url ?? '',
        timestamp: header(SigningHeaders.timestamp),
        nonce: header(SigningHeaders.nonce),
        body,
      };
      const signed =
        header(SigningHeaders.deviceId) === DEVICE.deviceId &&
        signatureMatches(DEVICE.deviceSecret, parts, header(SigningHeaders.signature));
      const token = header('authorization').replace(/^Bearer /, '') || undefined;
      const seen = { method: parts.method, path: parts.path, signed, token, body: body.toString() };
      this.seen.push(seen);
      this.handler(seen, res);
    });
  }
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' });
  res.end(JSON.stringify(body));
}

export function problem(res: ServerResponse, status: number, slug: string): void {
  json(res, status, { type: `https://tillpoint.dev/problems/${slug}`, title: slug, status, code: slug });
}

/** A completed PIN sale as the selling terminal gets it (PIN in clear). */
export function completedSale(clientRef: string, pin = '81726354091827') {
  return {
    saleId: `sale-${clientRef}`,
    clientRef,
    state: 'COMPLETED',
    balanceBefore: '10000',
    balanceAfter: '9060',
    receipt: {
      saleId: `sale-${clientRef}`,
      clientRef,
      state: 'COMPLETED',
      seller: {
        dealerId: 'd-1',
        dealerPath: ['d-1'],
        dealerName: 'Corner Shop',
        currency: 'KES',
        timeZone: 'Africa/Nairobi',
        terminalId: 't-1',
        cashierId: 'c-1',
      },
      product: { sku: 'KE-PIN-10', kind: 'pin', name: 'Airtime 10', operatorId: 'ke-op', operatorName: 'Op' },
      account: '+254712345678',
      currency: 'KES',
      amount: '1000',
      cost: '940',
      commission: '60',
      pin,
      serial: 'SER1',
      balanceBefore: '10000',
      balanceAfter: '9060',
      catalogVersion: 1,
      completedAt: '2026-12-01T10:00:00.000Z',
    },
  };
}
