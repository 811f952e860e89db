import { InFlight } from './in-flight';

describe(InFlight.name, () => {
  it('is idle at once when nothing runs', async () => {
    await expect(new InFlight().idle(10)).resolves.toBe(true);
  });

  it('waits for the work in flight to finish', async () => {
    const inFlight = new InFlight();
    let finish!: () => void;
    const work = inFlight.track(() => new Promise<void>((resolve) => (finish = resolve)));
    const idle = inFlight.idle(5_000);
    expect(inFlight.size).toBe(1);
    finish();
    await work;
    await expect(idle).resolves.toBe(true);
    expect(inFlight.size).toBe(0);
  });

  it('gives up waiting after the timeout', async () => {
    const inFlight = new InFlight();
    void inFlight.track(() => new Promise<void>(() => undefined));
    await expect(inFlight.idle(20)).resolves.toBe(false);
  });
});
