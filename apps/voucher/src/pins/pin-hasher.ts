import { createHmac } from 'node:crypto';

/**
 * The keyed fingerprint of a PIN (HMAC-SHA256 under PIN_HASH_KEY): unique across all stock, so a PIN
 * already loaded is refused, without the database ever holding anything a PIN could be guessed back from.
 */
export class PinHasher {
  private readonly key: Buffer;

  constructor(base64Key: string) {
    this.key = Buffer.from(base64Key, 'base64');
  }

  hash(pin: string): string {
    return createHmac('sha256', this.key).update(pin, 'utf8').digest('base64url');
  }
}
