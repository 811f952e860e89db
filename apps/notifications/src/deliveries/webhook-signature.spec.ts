import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './webhook-signature';
import { backoffMs } from './backoff';

describe(signWebhook.name, () => {
  const body = '{"id":"e-1","type":"sale.completed"}';

  it('is t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">, as a receiver recomputes it', () => {
    const header = signWebhook('whsec_abc', body, 1764800000);
    const expected = createHmac('sha256', 'whsec_abc').update(`1764800000.${body}`).digest('hex');
    expect(header).toBe(`t=1764800000,v1=${expected}`);
  });

  it('verifies only the same secret, body and a fresh timestamp', () => {
    const header = signWebhook('whsec_abc', body, 1000);
    expect(verifyWebhook('whsec_abc', body, header, 1100)).toBe(true);
    expect(verifyWebhook('whsec_abd', body, header, 1100)).toBe(false);
    expect(verifyWebhook('whsec_abc', `${body} `, header, 1100)).toBe(false);
    expect(verifyWebhook('whsec_abc', body, header, 1000 + 301)).toBe(false);
    expect(verifyWebhook('whsec_abc', body, 'garbage', 1000)).toBe(false);
  });
});

describe(backoffMs.name, () => {
  it('doubles from the base after each failure and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, 1000, 10_000))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    expect(backoffMs(500, 1000, 60_000)).toBe(60_000);
  });
});
