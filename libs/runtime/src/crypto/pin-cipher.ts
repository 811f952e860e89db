import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A voucher PIN as stored and sent: AES-256-GCM under the key `keyId`. Same shape as contracts' SealedPin. */
export interface Sealed {
  keyId: string;
  /** base64url of iv (12 bytes) | tag (16 bytes) | ciphertext. */
  sealed: string;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses `PIN_KEYS`: `id:base64key[,id:base64key...]`, each key 32 bytes. The first key seals; every key
 * listed opens, so a key can be rotated by putting the new one first and keeping the old one after it.
 * Throws a message that names the problem but never a key.
 */
export function parsePinKeys(value: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const entry of value.split(',').map((s) => s.trim())) {
    const at = entry.indexOf(':');
    const id = entry.slice(0, at);
    if (at < 1 || !KEY_ID.test(id))
      throw new Error('each PIN key must be id:base64 (id: 1-32 of A-Z a-z 0-9 _ -)');
    const key = Buffer.from(entry.slice(at + 1), 'base64');
    if (key.length !== 32) throw new Error(`PIN key ${id} must be 32 bytes, base64-encoded`);
    if (keys.has(id)) throw new Error(`PIN key ${id} is listed twice`);
    keys.set(id, key);
  }
  return keys;
}

/** Seals and opens voucher PINs with the platform's key ring (DESIGN section 6: AES-256-GCM, key ids). */
export class PinCipher {
  private readonly keys: Map<string, Buffer>;
  private readonly current: string;

  constructor(pinKeys: string) {
    this.keys = parsePinKeys(pinKeys);
    this.current = [...this.keys.keys()][0];
  }

  /** The id of the key new seals are made with. */
  get currentKeyId(): string {
    return this.current;
  }

  seal(pin: string): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.current)!, iv);
    const body = Buffer.concat([cipher.update(pin, 'utf8'), cipher.final()]);
    return {
      keyId: this.current,
      sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url'),
    };
  }

  /** The PIN; throws (without it) if the key is unknown or the seal was tampered with. */
  open(sealed: Sealed): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new Error(`no PIN key ${sealed.keyId}`);
    const raw = Buffer.from(sealed.sealed, 'base64url');
    if (raw.length < 29) throw new Error('sealed PIN is too short');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
