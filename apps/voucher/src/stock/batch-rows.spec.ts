import { StockRowErrors } from '@tillpoint/contracts';
import { checkDetail, readHeader } from './batch-rows';

const TODAY = '2026-12-03';
const codeOf = (fields: string[]) => {
  const row = checkDetail(2, fields, TODAY);
  return 'code' in row ? row.code : 'ok';
};

describe(checkDetail.name, () => {
  it('accepts a row expiring today and refuses one that expired yesterday', () => {
    expect(codeOf(['S1', '12345678', TODAY])).toBe('ok');
    expect(codeOf(['S1', '12345678', '2026-12-02'])).toBe(StockRowErrors.EXPIRED);
  });

  it('refuses impossible and malformed dates rather than rolling them over', () => {
    expect(codeOf(['S1', '12345678', '2027-11-31'])).toBe(StockRowErrors.BAD_DATE);
    expect(codeOf(['S1', '12345678', '31/11/2027'])).toBe(StockRowErrors.BAD_DATE);
  });

  it('refuses empty and non-digit PINs without naming the PIN', () => {
    expect(codeOf(['S1', '', TODAY])).toBe(StockRowErrors.EMPTY_PIN);
    const row = checkDetail(2, ['S1', '1234O678', '2030-01-01'], TODAY);
    expect(row).toMatchObject({ code: StockRowErrors.BAD_PIN });
    expect(JSON.stringify(row)).not.toContain('1234O678');
  });

  it('refuses a row with the wrong number of fields', () => {
    expect(codeOf(['S1', '12345678'])).toBe(StockRowErrors.BAD_COLUMNS);
  });
});

describe(readHeader.name, () => {
  it('reads both formats and refuses anything else', () => {
    expect(readHeader(['serial', 'pin', 'expiry'])).toEqual({ kind: 'csv' });
    expect(
      readHeader(['H', 'ke-airtel', 'B1', 'KE-AIRTEL-PIN-50', '5000', 'KES', '2026-11-28']),
    ).toMatchObject({
      kind: 'pipe',
      header: { sku: 'KE-AIRTEL-PIN-50', faceValue: '5000' },
    });
    expect(readHeader(['pin;serial'])).toMatchObject({ code: StockRowErrors.BAD_HEADER });
  });
});
