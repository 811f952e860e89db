import { RunNames } from './names';
import { stockCsv } from './stock';

describe(stockCsv.name, () => {
  it('writes a serial,pin,expiry batch of unique 20-digit PINs with serials of the run', () => {
    const lines = stockCsv(new RunNames('abc12'), 'KE-SAFARICOM-PIN-50', 101, 2000, '2028-12-01')
      .toString()
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe('serial,pin,expiry');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows).toHaveLength(2000);
    expect(rows[0]).toEqual(['BABC12-KESAFARICOMPIN50-101', expect.stringMatching(/^\d{20}$/), '2028-12-01']);
    expect(rows[1999][0]).toBe('BABC12-KESAFARICOMPIN50-2100');
    expect(new Set(rows.map((r) => r[1])).size).toBe(2000);
    expect(new Set(rows.map((r) => r[0])).size).toBe(2000);
  });
});
