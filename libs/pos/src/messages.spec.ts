import { parseArgs } from './cli-args';
import { NoAnswerError, ProblemError } from './http';
import { PosLocalError } from './local-errors';
import { explain } from './messages';
import { maskSlipPins } from './terminal';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const problem = (slug: string, extra: object = {}) =>
  new ProblemError({
    type: `https://tillpoint.dev/problems/${slug}`,
    title: `Title of ${slug}`,
    status: 400,
    ...extra,
  });

/** Every problem type the gateway can answer, read from its one switch over the codes. */
function gatewaySlugs(): string[] {
  const source = readFileSync(join(__dirname, '../../../apps/gateway/src/http/problems.ts'), 'utf8');
  return [...new Set([...source.matchAll(/p\(\d{3}, '([a-z-]+)'/g)].map((m) => m[1]))];
}

describe('what the pos prompt says', () => {
  it('has a sentence of its own for every problem type a terminal route can answer', () => {
    const terminalSlugs = gatewaySlugs().filter(
      (s) =>
        !/^(account-|hold-|capture-|unbalanced|insufficient-funds|delivery-|subscription-|invalid-url|invalid-events|owner-required|catalog-invalid|stock-batch|pin-not-quarantined|conflict|invalid-reference)/.test(
          s,
        ),
    );
    expect(terminalSlugs.length).toBeGreaterThan(30);
    for (const slug of terminalSlugs)
      expect([slug, explain(problem(slug))]).not.toEqual([slug, `Title of ${slug}.`]);
  });

  it('shows the title of an unknown type, the detail and the reference', () => {
    expect(explain(problem('brand-new', { detail: 'why', correlationId: 'c-42' }))).toBe(
      'Title of brand-new. (why) [ref c-42]',
    );
    expect(explain(problem('insufficient-float'))).toMatch(/float is too low/);
  });

  it('explains local refusals and no answer in plain words', () => {
    expect(explain(new PosLocalError('not-activated'))).toMatch(/activate <serial>/);
    expect(explain(new NoAnswerError('POST', '/pos/sales', new Error('ECONNREFUSED')))).toMatch(/No answer/);
  });
});

describe('the journal copy of a slip', () => {
  it('masks the PIN but leaves the other lines alone', () => {
    const slip = [
      'Account        +254712345678',
      'PIN           81726354091827',
      'Serial    KESAF2075611185',
    ].join('\n');
    expect(maskSlipPins(slip).split('\n')).toEqual([
      'Account        +254712345678',
      'PIN           **********1827',
      'Serial    KESAF2075611185',
    ]);
  });
});

describe('pos arguments', () => {
  it('takes flags anywhere, with or without =', () => {
    expect(parseArgs(['--home', '/h', 'sell', 'SKU', '+2547', '--ref=r-1', '500'])).toEqual({
      flags: { home: '/h', ref: 'r-1' },
      positional: ['sell', 'SKU', '+2547', '500'],
    });
  });
});
