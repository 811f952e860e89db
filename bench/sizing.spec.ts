import type { MixPart } from './mix';
import { batches, floatPerDealer, pinsFor, stockPlan } from './sizing';

const part = (sku: string, kind: 'pin' | 'topup', share: number, amount: number): MixPart => ({
  sku,
  kind,
  operator: 'ke-safaricom',
  share,
  amount,
});
const RUN = { warmupS: 5, durationS: 60 };

describe(pinsFor.name, () => {
  it('sizes stock for every request of warm-up and run at 1,500/s, its share, plus a fifth', () => {
    expect(pinsFor({ share: 1 }, RUN)).toBe(117_000);
    expect(pinsFor({ share: 0.4 }, RUN)).toBe(46_800);
    expect(pinsFor({ share: 1 / 3 }, { warmupS: 0, durationS: 1 })).toBe(600);
  });
});

describe(stockPlan.name, () => {
  const parts = [part('A', 'pin', 0.4, 5000), part('B', 'pin', 0.4, 5000), part('T', 'topup', 0.2, 1000)];

  it('stocks PIN products only, by the estimate or --pins each', () => {
    expect([...stockPlan(parts, RUN)]).toEqual([
      ['A', 46_800],
      ['B', 46_800],
    ]);
    expect([...stockPlan(parts, RUN, 500)]).toEqual([
      ['A', 500],
      ['B', 500],
    ]);
  });
});

describe(floatPerDealer.name, () => {
  it('covers twice a dealer share of the run at the dearest value', () => {
    const parts = [part('A', 'pin', 0.5, 100_000), part('T', 'topup', 0.5, 1000)];
    expect(floatPerDealer(parts, RUN, 10)).toBe(11_700n * 100_000n * 2n);
  });
});

describe(batches.name, () => {
  it('splits into batches of at most the size', () => {
    expect(batches(117_000)).toEqual([50_000, 50_000, 17_000]);
    expect(batches(50_000)).toEqual([50_000]);
    expect(batches(3, 2)).toEqual([2, 1]);
    expect(batches(0)).toEqual([]);
  });
});
