import { createHash } from 'node:crypto';
import { canonicalRequest, signatureMatches, signRequest, type SignedParts } from './request-signing';

describe(signRequest.name, () => {
  const parts: SignedParts = {
    method: 'post',
    path: '/pos/sales?x=1',
    timestamp: '1796000000000',
    nonce: 'n0nce-0000000001',
    body: '{"clientRef":"r1"}',
  };

  it('signs the method, path, timestamp, nonce and body hash, one a line', () => {
    expect(canonicalRequest(parts).split('\n')).toEqual([
      'POST',
      '/pos/sales?x=1',
      '1796000000000',
      'n0nce-0000000001',
      createHash('sha256').update('{"clientRef":"r1"}').digest('hex'),
    ]);
  });

  it('accepts its own signature and refuses any change to what was signed', () => {
    const signature = signRequest('device-secret', parts);
    expect(signatureMatches('device-secret', parts, signature)).toBe(true);
    for (const changed of [
      { ...parts, method: 'PUT' },
      { ...parts, path: '/pos/sales?x=2' },
      { ...parts, timestamp: '1796000000001' },
      { ...parts, nonce: 'n0nce-0000000002' },
      { ...parts, body: '{"clientRef":"r2"}' },
    ]) {
      expect(signatureMatches('device-secret', changed, signature)).toBe(false);
    }
    expect(signatureMatches('another-secret', parts, signature)).toBe(false);
    expect(signatureMatches('device-secret', parts, signature.slice(1))).toBe(false);
  });
});
