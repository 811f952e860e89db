import { existsSync } from 'node:fs';
import { cashierPins, developmentSecrets, findLeaks, registeredSecrets, voucherPins } from './secrets';

// The last step of `npm test` (tools/test/run.js): every log line the run's services wrote was captured
// under LOG_CAPTURE_DIR; none may hold a PIN, a secret, a password or a full token.
describe('the logs of the whole test run', () => {
  const dir = process.env.LOG_CAPTURE_DIR;

  it('were captured', () => {
    expect(dir && existsSync(dir)).toBeTruthy();
  });

  it('hold no cashier PIN, voucher PIN, password, key, device secret, activation code or token', () => {
    const registered = registeredSecrets(dir!);
    const secrets = [...cashierPins(), ...voucherPins(), ...developmentSecrets(), ...registered];
    const { leaks, lines } = findLeaks(dir!, secrets);
    expect(lines).toBeGreaterThan(0);
    expect(registered.length).toBeGreaterThan(0);
    expect(leaks.slice(0, 20)).toEqual([]);
  });
});
