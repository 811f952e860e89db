import { createHash, randomInt, randomBytes } from 'node:crypto';

// No 0/O or 1/I: the code is typed at a counter. 12 of 32 symbols is 60 bits, and rate limits cap guesses.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A fresh one-time activation code, `XXXX-XXXX-XXXX`. */
export function newActivationCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** What is stored of a code: its hash (the code has enough entropy for a fast one). Case and dashes are ignored. */
export function hashActivationCode(code: string): string {
  return createHash('sha256')
    .update(code.toUpperCase().replace(/[^A-Z0-9]/g, ''))
    .digest('hex');
}

export const newDeviceId = () => `dv-${randomBytes(12).toString('hex')}`;
export const newDeviceSecret = () => randomBytes(32).toString('base64url');
