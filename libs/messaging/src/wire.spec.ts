import { boundedReason, inexactNumber, MAX_REASON_LENGTH, readEnvelope } from './wire';

describe(readEnvelope.name, () => {
  const read = (body: string) => readEnvelope(Buffer.from(body));

  it('reads an answer and a refusal', () => {
    expect(read('{"ok":true,"data":{"a":1}}')).toEqual({ ok: true, data: { a: 1 } });
    expect(read('{"ok":false,"error":{"code":"X.Y","message":"no"}}')).toEqual({
      ok: false,
      error: { code: 'X.Y', message: 'no' },
    });
  });

  it.each(['null', '42', '"ok"', '{}', '{"ok":false}', '{"ok":false,"error":{"code":7}}', 'not json'])(
    'refuses the malformed reply %s instead of throwing',
    (body) => expect(read(body)).toBeUndefined(),
  );
});

describe(boundedReason.name, () => {
  it('keeps a short reason whole and cuts a long one to the bound', () => {
    expect(boundedReason('short')).toBe('short');
    const cut = boundedReason('x'.repeat(100_000));
    expect(cut.length).toBeLessThanOrEqual(MAX_REASON_LENGTH);
    expect(cut).toMatch(/\(truncated\)$/);
  });
});

describe(inexactNumber.name, () => {
  it('finds numbers JSON.parse would round', () => {
    expect(inexactNumber('{"amount":1.0000000000000001}')).toBe('1.0000000000000001');
    expect(inexactNumber('{"a":[1,2],"b":4.9999999999999999}')).toBe('4.9999999999999999');
    expect(inexactNumber('{"amount":1e3}')).toBe('1e3');
    expect(inexactNumber('{"amount":9007199254740993}')).toBe('9007199254740993');
    expect(inexactNumber('{"amount":-12.5}')).toBe('-12.5');
  });

  it('passes whole safe numbers, and digits inside strings', () => {
    expect(inexactNumber('{"amount":1500,"n":-3,"t":"1.5e99","s":"say \\"2.5\\""}')).toBeUndefined();
  });
});
