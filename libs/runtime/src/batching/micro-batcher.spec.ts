import { MicroBatcher, type Settled } from './micro-batcher';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('MicroBatcher', () => {
  it('runs the first item alone at once and gathers what arrives meanwhile into the next batch', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate;
        return items.map((n) => ({ value: n * 10 }));
      },
      { maxBatch: 3, maxInFlight: 1 },
    );
    const answers = [1, 2, 3, 4, 5, 6].map((n) => batcher.submit(n));
    await tick();
    expect(batches).toEqual([[1]]);
    expect(batcher.waiting).toBe(5);
    release();
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('answers each item with its own outcome, refusals included', async () => {
    const batcher = new MicroBatcher<number, number>(
      (items) =>
        Promise.resolve(
          items.map((n): Settled<number> => (n % 2 ? { value: n } : { error: new Error(`even ${n}`) })),
        ),
      { maxBatch: 10, maxInFlight: 2 },
    );
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => batcher.submit(n)));
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([
      1,
      'even 2',
      3,
    ]);
  });

  it('fails every item of a batch that throws, and goes on with the next', async () => {
    let calls = 0;
    const batcher = new MicroBatcher<string, string>(
      (items) => {
        calls++;
        if (calls === 1) return Promise.reject(new Error('database down'));
        return Promise.resolve(items.map((value) => ({ value })));
      },
      { maxBatch: 5, maxInFlight: 1 },
    );
    const first = batcher.submit('a');
    const second = batcher.submit('b');
    await expect(first).rejects.toThrow('database down');
    await expect(second).resolves.toBe('b');
  });

  it('refuses a batch function that answers the wrong number of items', async () => {
    const batcher = new MicroBatcher<number, number>(() => Promise.resolve([]), {
      maxBatch: 2,
      maxInFlight: 1,
    });
    await expect(batcher.submit(1)).rejects.toThrow('a batch of 1 answered 0 items');
  });

  it('keeps at most maxInFlight batches running', async () => {
    let running = 0;
    let peak = 0;
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        running++;
        peak = Math.max(peak, running);
        await tick();
        running--;
        return items.map((value) => ({ value }));
      },
      { maxBatch: 1, maxInFlight: 2 },
    );
    await Promise.all(Array.from({ length: 8 }, (_, i) => batcher.submit(i)));
    expect(peak).toBe(2);
  });
});
