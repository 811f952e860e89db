/** What a batch answers for one of its items. */
export type Settled<O> = { value: O } | { error: unknown };

export interface MicroBatcherOptions {
  /** The most items one batch takes. */
  maxBatch: number;
  /** How many batches may run at once; items arriving meanwhile wait for the next one. */
  maxInFlight: number;
}

/**
 * Gathers work that arrives while earlier work is running into batches: the first item starts a batch
 * at once (no timer, so an idle service adds no latency), and whatever arrives while `maxInFlight`
 * batches run goes, up to `maxBatch` at a time, into the next. The batch function answers each item in
 * order; if it throws, every item of that batch gets the error.
 */
export class MicroBatcher<I, O> {
  private readonly queue: Array<{ item: I; resolve: (value: O) => void; reject: (error: unknown) => void }> =
    [];
  private inFlight = 0;

  constructor(
    private readonly run: (items: I[]) => Promise<Array<Settled<O>>>,
    private readonly options: MicroBatcherOptions,
  ) {
    if (!(options.maxBatch >= 1 && options.maxInFlight >= 1)) {
      throw new RangeError('maxBatch and maxInFlight must be at least 1');
    }
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  /** Items waiting for a batch (for metrics and tests). */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.runBatch(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async runBatch(batch: typeof this.queue): Promise<void> {
    let results: Array<Settled<O>>;
    try {
      results = await this.run(batch.map((entry) => entry.item));
      if (results.length !== batch.length) {
        throw new Error(`a batch of ${batch.length} answered ${results.length} items`);
      }
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      return;
    }
    batch.forEach((entry, i) => {
      const result = results[i];
      if ('value' in result) entry.resolve(result.value);
      else entry.reject(result.error);
    });
  }
}
