import { VerifiedTokens } from './verified-tokens';

describe(VerifiedTokens.name, () => {
  const now = 1_000_000;
  const until = (s: number) => ({ exp: now / 1000 + s });

  it('forgets the least recently used token beyond its capacity', () => {
    const tokens = new VerifiedTokens<{ exp: number }>(2);
    tokens.set('a', until(60), now);
    tokens.set('b', until(60), now);
    tokens.get('a', now);
    tokens.set('c', until(60), now);
    expect(tokens.get('b', now)).toBeUndefined();
    expect(tokens.get('a', now)).toEqual(until(60));
    expect(tokens.size).toBe(2);
  });

  it('says expired, once, for a token past its exp, and never keeps one already expired', () => {
    const tokens = new VerifiedTokens<{ exp: number }>();
    tokens.set('a', until(1), now);
    tokens.set('old', until(0), now);
    expect(tokens.get('a', now + 1_000)).toBe('expired');
    expect(tokens.get('a', now + 1_000)).toBeUndefined();
    expect(tokens.size).toBe(0);
  });
});
