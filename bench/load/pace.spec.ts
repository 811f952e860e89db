import { paceGroups } from './pace';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe(paceGroups.name, () => {
  it('gives each of 100 connections its own start within the second and an even share of the rate', () => {
    const groups = paceGroups(100, 800);
    expect(groups).toHaveLength(100);
    expect(sum(groups.map((g) => g.connections))).toBe(100);
    expect(sum(groups.map((g) => g.rate))).toBe(800);
    expect(new Set(groups.map((g) => g.rate))).toEqual(new Set([8]));
    expect(groups.map((g) => g.startMs).slice(0, 3)).toEqual([0, 10, 20]);
    expect(groups[99].startMs).toBe(990);
  });

  it('never gives a group no requests (autocannon would read a rate of 0 as no limit)', () => {
    const groups = paceGroups(100, 30);
    expect(groups).toHaveLength(30);
    expect(Math.min(...groups.map((g) => g.rate))).toBe(1);
    expect(sum(groups.map((g) => g.connections))).toBe(100);
    expect(groups.map((g) => g.connections).slice(0, 11)).toEqual([4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3]);
  });

  it('shares connections and a rate that do not divide evenly, and keeps to the group limit', () => {
    const groups = paceGroups(250, 1001);
    expect(groups).toHaveLength(100);
    expect(sum(groups.map((g) => g.connections))).toBe(250);
    expect(sum(groups.map((g) => g.rate))).toBe(1001);
    expect(groups[0]).toEqual({ connections: 3, rate: 11, startMs: 0 });
    expect(groups[99]).toEqual({ connections: 2, rate: 10, startMs: 990 });
  });
});
