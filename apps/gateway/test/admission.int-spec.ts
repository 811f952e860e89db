import { Test, type TestingModule } from '@nestjs/testing';
import { testServers, uniqueName } from '@tillpoint/testing';
import type Redis from 'ioredis';
import { Admission } from '../src/access/admission';
import { rateWindow } from '../src/access/rate-limiter';
import { sessionEndedKey } from '../src/access/session-verifier';
import { REDIS, RedisModule } from '../src/redis/redis.module';
import { nonceKey, NonceStore } from '../src/signing/nonce-store';

// Against the real Redis: the one round trip of a signed POS request must claim its nonce for every replica.
describe(Admission.name, () => {
  let module: TestingModule;
  let admission: Admission;
  let nonces: NonceStore;
  let redis: Redis;
  const device = uniqueName('dev');
  // One minute's window for the whole file, so that a minute turning mid-test cannot split a count.
  const now = Date.now();

  beforeAll(async () => {
    module = await Test.createTestingModule({
      imports: [RedisModule.forUrl(testServers.redisUrl, `${uniqueName('t')}:`)],
      providers: [Admission, NonceStore],
    }).compile();
    await module.init();
    admission = module.get(Admission);
    nonces = module.get(NonceStore);
    redis = module.get(REDIS);
  });

  afterAll(() => module?.close());

  const ask = (nonce: string, terminal: string, jti?: string) =>
    admission.ask({
      nonceKey: nonceKey(device, nonce),
      nonceKeepMs: 130_000,
      rateKey: rateWindow('terminal', terminal, now).name,
      ...(jti ? { endedKey: sessionEndedKey(jti) } : {}),
    });

  it('claims the nonce: a replay is refused, by it and by the nonce store, and is not counted', async () => {
    const nonce = uniqueName('nonce-0000000-');
    const terminal = uniqueName('term');
    expect(await ask(nonce, terminal)).toEqual({ nonceClaimed: true, count: 1, ended: false });
    expect(await ask(nonce, terminal)).toEqual({ nonceClaimed: false, count: 0, ended: false });
    expect(await nonces.claim(device, nonce, 130_000)).toBe(false);
    expect(await ask(uniqueName('nonce-0000000-'), terminal)).toMatchObject({ nonceClaimed: true, count: 2 });
  });

  it('keeps the nonce past the signing window and the count for its minute', async () => {
    const nonce = uniqueName('nonce-0000000-');
    const terminal = uniqueName('term');
    await ask(nonce, terminal);
    expect(await redis.pttl(nonceKey(device, nonce))).toBeGreaterThan(120_000);
    const ttl = await redis.pttl(rateWindow('terminal', terminal, now).name);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it("says whether the request's session was ended", async () => {
    const jti = uniqueName('jti');
    expect(await ask(uniqueName('nonce-0000000-'), 'term', jti)).toMatchObject({ ended: false });
    await redis.set(sessionEndedKey(jti), '1', 'PX', 10_000);
    expect(await ask(uniqueName('nonce-0000000-'), 'term', jti)).toMatchObject({ ended: true });
  });
});
