import { AuthErrors, GatewayErrors, NotificationErrors, VoucherErrors } from '@tillpoint/contracts';
import { CODE_FAMILIES, isKnownCode, problemFor } from './problems';

describe(problemFor.name, () => {
  const all = CODE_FAMILIES.flatMap((codes) => Object.values(codes));
  /** Our own failures: the only codes answered 5xx. */
  const ours = new Set<string>([
    GatewayErrors.UNAVAILABLE,
    GatewayErrors.INTERNAL,
    VoucherErrors.TRY_AGAIN,
    VoucherErrors.ABANDONED,
    NotificationErrors.PIN_UNREADABLE,
  ]);

  it('gives every code a stable type and a status; refusals of the caller are 4xx, our failures 5xx', () => {
    for (const code of all) {
      const { status, slug } = problemFor(code);
      expect(slug).toMatch(/^[a-z][a-z-]+$/);
      const isOurs = code.startsWith('MESSAGING.') || ours.has(code);
      expect([code, status >= 500]).toEqual([code, isOurs]);
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

  it('answers the failure codes of a recorded sale and the advice refusals as the route list says', () => {
    const kinds = [
      VoucherErrors.INSUFFICIENT_FLOAT,
      VoucherErrors.OUT_OF_STOCK,
      VoucherErrors.OPERATOR_DECLINED,
      VoucherErrors.IDEMPOTENCY_CONFLICT,
      VoucherErrors.NOT_REVERSIBLE,
      VoucherErrors.BATCH_REFUSED,
    ].map((code) => [problemFor(code).status, problemFor(code).slug]);
    expect(kinds).toEqual([
      [402, 'insufficient-float'],
      [409, 'out-of-stock'],
      [422, 'operator-declined'],
      [409, 'client-ref-conflict'],
      [409, 'advice-refused'],
      [422, 'stock-batch-refused'],
    ]);
  });

  it('gives every code a slug of its own, but for the few that share one on purpose', () => {
    const shared = new Set(['advice-refused', 'forbidden', 'service-unavailable', 'upstream-failed']);
    const slugs = all.map((code) => problemFor(code).slug).filter((slug) => !shared.has(slug));
    expect(slugs.length).toBe(new Set(slugs).size);
  });
});
