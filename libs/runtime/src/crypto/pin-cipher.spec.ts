import { randomBytes } from 'node:crypto';
import { parsePinKeys, PinCipher } from './pin-cipher';

const key = () => randomBytes(32).toString('base64');

describe(PinCipher.name, () => {
  it('opens what it sealed, and never shows the PIN in the seal', () => {
    const cipher = new PinCipher(`k1:${key()}`);
    const sealed = cipher.seal('123456789012');
    expect(sealed.keyId).toBe('k1');
    expect(sealed.sealed).not.toContain('123456789012');
    expect(cipher.open(sealed)).toBe('123456789012');
  });

  it('seals with the first key and still opens with an older one after a rotation', () => {
    const old = key();
    const before = new PinCipher(`k1:${old}`).seal('5555');
    const rotated = new PinCipher(`k2:${key()},k1:${old}`);
    expect(rotated.seal('1').keyId).toBe('k2');
    expect(rotated.open(before)).toBe('5555');
  });

  it('refuses a tampered seal and an unknown key', () => {
    const cipher = new PinCipher(`k1:${key()}`);
    const sealed = cipher.seal('99990000');
    const raw = Buffer.from(sealed.sealed, 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(() => cipher.open({ keyId: 'k1', sealed: raw.toString('base64url') })).toThrow();
    expect(() => cipher.open({ keyId: 'k9', sealed: sealed.sealed })).toThrow('no PIN key k9');
  });

  it('refuses malformed key rings without echoing the key', () => {
    expect(() => parsePinKeys('k1:c2hvcnQ=')).toThrow('PIN key k1 must be 32 bytes');
    expect(() => parsePinKeys('nokey')).toThrow('id:base64');
    const k = key();
    expect(() => parsePinKeys(`a:${k},a:${k}`)).toThrow('listed twice');
    expect(() => parsePinKeys(`k1:${k.slice(0, 20)}`)).toThrow(
      /^PIN key k1 must be 32 bytes, base64-encoded$/,
    );
  });
});
