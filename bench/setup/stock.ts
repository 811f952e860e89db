import { randomBytes } from 'node:crypto';
import type { AdminClient } from '@tillpoint/pos';
import { batches } from '../sizing';
import type { RunNames } from './names';

const PIN_DIGITS = 20;

/**
 * A CSV batch (`serial,pin,expiry`) of `count` PINs numbered from `first`: random 20-digit PINs, unique in
 * the batch (and, at 10^20 of them, across runs), serials named after the run.
 */
export function stockCsv(names: RunNames, sku: string, first: number, count: number, expiry: string): Buffer {
  const seen = new Set<string>();
  const lines = ['serial,pin,expiry'];
  while (seen.size < count) {
    const pin = randomPin();
    if (seen.has(pin)) continue;
    seen.add(pin);
    lines.push(`${names.pinSerial(sku, first + seen.size - 1)},${pin},${expiry}`);
  }
  return Buffer.from(lines.join('\n') + '\n');
}

function randomPin(): string {
  const bytes = randomBytes(PIN_DIGITS);
  let pin = '';
  for (const byte of bytes) pin += String(byte % 10);
  return pin;
}

/** Uploads `count` PINs of the sku in batches of at most 50,000; returns the rows accepted. */
export async function uploadStock(
  admin: AdminClient,
  names: RunNames,
  sku: string,
  count: number,
): Promise<number> {
  const expiry = new Date(Date.now() + 2 * 365 * 86_400_000).toISOString().slice(0, 10);
  let first = 1;
  let accepted = 0;
  for (const size of batches(count)) {
    const answer = await admin.send('POST', `/admin/stock/batches?sku=${encodeURIComponent(sku)}`, {
      rawBody: stockCsv(names, sku, first, size, expiry),
      headers: { 'content-type': 'text/csv' },
    });
    accepted += (answer.json as { rows?: number }).rows ?? size;
    first += size;
  }
  return accepted;
}
