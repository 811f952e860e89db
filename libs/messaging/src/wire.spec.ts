import { boundedReason, MAX_REASON_LENGTH, readEnvelope } from './wire';

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
