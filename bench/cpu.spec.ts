import { CpuMeter, cpuTicks, perSale, type CpuSnapshot } from './cpu';

// /proc/<pid>/stat of a process whose name holds a space and a parenthesis: utime 1500, stime 250.
const STAT =
  '4242 (node (main)) S 1 4242 4242 0 -1 4194304 9000 0 0 0 1500 250 0 0 20 0 11 0 5000 1200000000 40000 ' +
  '18446744073709551615 1 1 0 0 0 0 0 4096 134234626 0 0 0 17 1 0 0 0 0 0';

const snap = (parts: Record<string, Record<number, number>>): CpuSnapshot =>
  new Map(
    Object.entries(parts).map(([part, pids]) => [
      part,
      new Map(Object.entries(pids).map(([pid, t]) => [Number(pid), t])),
    ]),
  );

describe(cpuTicks.name, () => {
  it('adds user and system ticks, counting fields after the last parenthesis of the name', () => {
    expect(cpuTicks(STAT)).toBe(1750);
  });

  it('gives nothing for a line that is not a stat line', () => {
    expect(cpuTicks('')).toBeUndefined();
    expect(cpuTicks('4242 (node) S 1 2 3')).toBeUndefined();
  });
});

describe(perSale.name, () => {
  it('gives each part its ticks in the window as ms per sale, a new process from zero, a gone one not at all', () => {
    const before = snap({ voucher: { 10: 1_000 }, postgres: { 20: 500, 21: 700 } });
    // voucher used 200 ticks (2 s); postgres 100 on 20, 21 gone, 22 started in the window with 50.
    const after = snap({ voucher: { 10: 1_200 }, postgres: { 20: 600, 22: 50 } });
    expect(perSale(before, after, 1_000)).toEqual({ voucher: 2, postgres: 1.5, total: 3.5 });
  });

  it('gives nothing when no sale completed', () => {
    expect(perSale(snap({ voucher: { 10: 1 } }), snap({ voucher: { 10: 9 } }), 0)).toEqual({});
  });
});

describe(CpuMeter.name, () => {
  it('reads the CPU this process spends, as the bench part', () => {
    const meter = new CpuMeter(new Map());
    const first = meter.snapshot().get('bench')!.get(process.pid)!;
    const start = process.cpuUsage();
    let x = 0;
    while (process.cpuUsage(start).user < 300_000) x += Math.sqrt(x + 1); // 0.3 s of CPU
    const second = meter.snapshot().get('bench')!.get(process.pid)!;
    expect(x).toBeGreaterThan(0);
    expect(second - first).toBeGreaterThanOrEqual(25); // 30 ticks, less the rounding at both ends
  });
});
