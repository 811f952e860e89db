import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';

/** The Redis key that holds a device's used nonce. */
export const nonceKey = (deviceId: string, nonce: string) => `tp:nonce:${deviceId}:${nonce}`;

/**
 * Remembers every nonce a device used within the signing window, in Redis, so that all gateway replicas
 * refuse a replay. A nonce is kept a little longer than the window it could be accepted in.
 */
@Injectable()
export class NonceStore {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** True the first time this device shows this nonce; false for a replay. */
  async claim(deviceId: string, nonce: string, keepMs: number): Promise<boolean> {
    const stored = await this.redis.set(nonceKey(deviceId, nonce), '1', 'PX', keepMs, 'NX');
    return stored === 'OK';
  }
}
