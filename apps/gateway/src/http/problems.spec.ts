import { AuthErrors, GatewayErrors, LedgerErrors, MessagingErrors } from '@tillpoint/contracts';
import { isKnownCode, problemFor } from './problems';

describe(problemFor.name, () => {
  const all = [AuthErrors, LedgerErrors, MessagingErrors, GatewayErrors].flatMap((codes) =>
    Object.values(codes),
  );

  it('gives every code a stable type and a status; refusals of the caller are 4xx, our failures 5xx', () => {
    for (const code of all) {
      const { status, slug } = problemFor(code);
      expect(slug).toMatch(/^[a-z][a-z-]+$/);
      const ours =
        code.startsWith('MESSAGING.') ||
        code === GatewayErrors.UNAVAILABLE ||
        code === GatewayErrors.INTERNAL;
      expect([code, status >= 500]).toEqual([code, ours]);
    }
  });

  it('answers every credential and signature refusal with 401, 403 or 429', () => {
    for (const code of Object.values(AuthErrors)) {
      if (
        code === AuthErrors.NOT_FOUND ||
        code === AuthErrors.CONFLICT ||
        code === AuthErrors.INVALID_REFERENCE
      )
        continue;
      expect([401, 403, 429]).toContain(problemFor(code).status);
    }
  });

  it('knows only the codes it maps', () => {
    expect(all.every(isKnownCode)).toBe(true);
    expect(isKnownCode('VOUCHER.SOMETHING_NEW')).toBe(false);
  });
});
