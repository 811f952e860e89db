import { randomInt } from 'node:crypto';
import type autocannon from 'autocannon';
import { signedHeaders } from '@tillpoint/pos';
import type { MixPart } from '../mix';
import { classify, type Outcome } from '../outcome';
import type { RunNames } from '../setup/names';
import type { BenchTerminal } from '../setup/terminals';

export const SALES_PATH = '/pos/sales';

/** One connection's request: a fresh signed sale each time, as its terminal, with a reference of its own. */
export function saleRequest(
  names: RunNames,
  connection: number,
  terminal: BenchTerminal,
  pick: () => MixPart,
  onOutcome: (outcome: Outcome) => void,
): autocannon.Request {
  let seq = 0;
  return {
    method: 'POST',
    path: SALES_PATH,
    setupRequest: (request) => {
      const part = pick();
      const body = JSON.stringify({
        clientRef: names.clientRef(connection, ++seq),
        sku: part.sku,
        account: kenyanMobile(),
        ...(part.kind === 'topup' ? { amount: String(part.amount) } : {}),
      });
      const headers = {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Bearer ${terminal.token}`,
        ...signedHeaders(terminal.device, 'POST', SALES_PATH, body),
      };
      return { ...request, headers, body };
    },
    onResponse: (status, body) => onOutcome(classify(status, body)),
  };
}

/** A product of the mix, drawn at random by its share. */
export function picker(parts: MixPart[], random = Math.random): () => MixPart {
  const bounds: number[] = [];
  let sum = 0;
  for (const part of parts) bounds.push((sum += part.share));
  return () => {
    const x = random() * sum;
    const i = bounds.findIndex((b) => x < b);
    return parts[i < 0 ? parts.length - 1 : i];
  };
}

/** A Safaricom-range number; never ending in 998 or 999, which the operator simulator delays or declines. */
export function kenyanMobile(): string {
  const tail = randomInt(0, 10_000_000);
  const safe = tail % 1000 >= 998 ? tail - 2 : tail;
  return `+25471${String(safe).padStart(7, '0')}`;
}
