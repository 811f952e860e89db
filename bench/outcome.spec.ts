import { classify } from './outcome';

describe(classify.name, () => {
  it('counts a 201 COMPLETED as a completed sale and a 202 as pending', () => {
    expect(classify(201, JSON.stringify({ saleId: 's', state: 'COMPLETED' }))).toEqual({ kind: 'completed' });
    expect(classify(202, JSON.stringify({ clientRef: 'r', state: 'PENDING' }))).toEqual({ kind: 'pending' });
  });

  it('names a 201 in another state by it', () => {
    expect(classify(201, JSON.stringify({ state: 'REVERSED' }))).toEqual({
      kind: 'error',
      type: '201-REVERSED',
    });
    expect(classify(201, 'not json')).toEqual({ kind: 'error', type: '201-unknown' });
  });

  it('names a problem by the last path segment of its type', () => {
    const problem = { type: 'https://tillpoint.dev/problems/insufficient-float', title: 'x', status: 402 };
    expect(classify(402, JSON.stringify(problem))).toEqual({ kind: 'error', type: 'insufficient-float' });
    expect(classify(429, JSON.stringify({ type: 'https://tillpoint.dev/problems/rate-limited/' }))).toEqual({
      kind: 'error',
      type: 'rate-limited',
    });
  });

  it('names an answer that is not a problem by its status', () => {
    expect(classify(502, '<html>bad gateway</html>')).toEqual({ kind: 'error', type: 'http-502' });
    expect(classify(500, JSON.stringify({ type: 'about:blank' }))).toEqual({
      kind: 'error',
      type: 'http-500',
    });
    expect(classify(200, '')).toEqual({ kind: 'error', type: 'http-200' });
  });
});
