import { Tally } from './tally';

describe(Tally.name, () => {
  const FROM = 1_000_000;

  it('counts only answers inside the window, completed sales by second', () => {
    const tally = new Tally(FROM, 3);
    tally.outcome({ kind: 'completed' }, FROM - 1); // warm-up
    tally.outcome({ kind: 'completed' }, FROM);
    tally.outcome({ kind: 'completed' }, FROM + 999);
    tally.outcome({ kind: 'completed' }, FROM + 2_500);
    tally.outcome({ kind: 'completed' }, FROM + 3_000); // after the window
    tally.outcome({ kind: 'pending' }, FROM + 10);
    expect(tally.completed).toBe(3);
    expect(tally.timeline).toEqual([2, 0, 1]);
    expect(tally.pending).toBe(1);
  });

  it('keys errors by type, network ones as network, and keeps response times of the window', () => {
    const tally = new Tally(FROM, 1);
    tally.outcome({ kind: 'error', type: 'out-of-stock' }, FROM);
    tally.outcome({ kind: 'error', type: 'out-of-stock' }, FROM + 1);
    tally.networkError(FROM + 2);
    tally.networkError(FROM - 5);
    tally.latency(12.5, FROM);
    tally.latency(99, FROM + 1_000);
    expect(tally.errors).toEqual({ 'out-of-stock': 2, network: 1 });
    expect(tally.latencies).toEqual([12.5]);
  });
});
