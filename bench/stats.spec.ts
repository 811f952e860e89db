import { latency, percentile } from './stats';

describe(percentile.name, () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('takes the nearest rank', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7, 9], 50)).toBe(7);
    expect(percentile([7, 9], 51)).toBe(9);
  });

  it('is the only value of one, the first at 0, and 0 of none', () => {
    expect(percentile([42], 99)).toBe(42);
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile([], 50)).toBe(0);
  });
});

describe(latency.name, () => {
  it('sorts the response times itself and rounds to 0.1 ms', () => {
    const times = [300.04, 10.26, 20, 5, 1000.5, 40, 30, 25, 15, 12];
    expect(latency(times)).toEqual({ p50: 20, p95: 1000.5, p99: 1000.5, max: 1000.5 });
    expect(latency(times.slice(0, 4))).toEqual({ p50: 10.3, p95: 300, p99: 300, max: 300 });
  });
});
