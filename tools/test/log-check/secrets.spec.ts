import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cashierPins, developmentSecrets, findLeaks, voucherPins } from './secrets';

describe(findLeaks.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'logcheck-'));
  writeFileSync(
    join(dir, 'gateway-1.jsonl'),
    [
      '{"msg":"took 448188 ms","instance":"448188x"}',
      '{"msg":"hello","token":"eyJhbGciOi.secret-part.sig"}',
      '{"msg":"order 1448188 and id c-448188b"}',
      '',
    ].join('\n'),
  );

  it('finds a PIN as a whole number and a secret anywhere, and says where without repeating them', () => {
    const { leaks, lines } = findLeaks(dir, ['448188', 'eyJhbGciOi.secret-part.sig']);
    expect(lines).toBe(3);
    expect(leaks).toEqual([
      { file: 'gateway-1.jsonl', line: 1, what: 'a PIN 44...' },
      { file: 'gateway-1.jsonl', line: 2, what: 'a secret ey...' },
    ]);
  });

  it('reads every cashier PIN, every voucher PIN and the development secrets of the shared data', () => {
    expect(cashierPins()).toContain('448188');
    expect(cashierPins().length).toBeGreaterThan(20);
    const vouchers = voucherPins();
    expect(vouchers).toContain('685924991597');
    expect(vouchers).toContain('01926920901889');
    expect(vouchers.length).toBeGreaterThan(100);
    expect(developmentSecrets()).toContain('change-me-in-production');
  });
});
