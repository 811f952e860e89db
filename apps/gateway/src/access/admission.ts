import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';
import { RATE_WINDOW_MS } from './rate-limiter';

// KEYS: the nonce, the rate window, and optionally the session's ended marker. ARGV: how long the nonce is
// kept, the window's life. A replayed nonce is refused before it counts against the terminal's rate, as the
// separate commands did; all of it is one round trip, and atomic.
const ADMIT = `
if not redis.call('SET', KEYS[1], '1', 'PX', ARGV[1], 'NX') then return {0, 0, 0} end
local count = redis.call('INCR', KEYS[2])
if count == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
local ended = 0
if KEYS[3] then ended = redis.call('EXISTS', KEYS[3]) end
return {1, count, ended}
`;

export interface AdmissionAsk {
  nonceKey: string;
  nonceKeepMs: number;
  rateKey: string;
  /** The session's ended marker, when the request carries a session. */
  endedKey?: string;
}

export interface Admitted {
  /** False for a replay: nothing else was counted. */
  nonceClaimed: boolean;
  /** The rate window's count, this request included. */
  count: number;
  ended: boolean;
}

type AdmitCommand = (keys: number, ...args: Array<string | number>) => Promise<[number, number, number]>;

/** A signed request's nonce claim, terminal rate count and session logout check in one Redis round trip. */
@Injectable()
export class Admission {
  private readonly admit: AdmitCommand;

  constructor(@Inject(REDIS) redis: Redis) {
    // ioredis sends it by EVALSHA (EVAL when Redis does not have it yet) and prefixes its KEYS.
    redis.defineCommand('tpAdmit', { lua: ADMIT });
    this.admit = (redis as unknown as { tpAdmit: AdmitCommand }).tpAdmit.bind(redis);
  }

  async ask({ nonceKey, nonceKeepMs, rateKey, endedKey }: AdmissionAsk): Promise<Admitted> {
    const keys = endedKey ? [nonceKey, rateKey, endedKey] : [nonceKey, rateKey];
    const [claimed, count, ended] = await this.admit(keys.length, ...keys, nonceKeepMs, RATE_WINDOW_MS);
    return { nonceClaimed: claimed === 1, count, ended: ended === 1 };
  }
}
