import { parseLimit } from './limit';

describe(parseLimit.name, () => {
  it('reads the sales per second of the script JSON line', () => {
    expect(parseLimit('{"limitSalesPerSec": 1860.995851, "clients": 8, "seconds": 15}')).toBe(1860.995851);
  });

  it('refuses a line that is not JSON, and a pgbench that measured nothing', () => {
    expect(() => parseLimit('pgbench: error')).toThrow('printed no JSON');
    expect(() => parseLimit('{"limitSalesPerSec": 0, "clients": 8, "seconds": 15}')).toThrow(
      'measured no sales',
    );
  });
});
