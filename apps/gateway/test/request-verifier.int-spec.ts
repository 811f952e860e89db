import { Test, type TestingModule } from '@nestjs/testing';
import { AuthErrors, signRequest, SigningHeaders } from '@tillpoint/contracts';
import { testServers, uniqueName } from '@tillpoint/testing';
import { RedisModule } from '../src/redis/redis.module';
import { MAX_SKEW_MS, RequestVerifier, type IncomingRequest } from '../src/signing/request-verifier';
import { SigningModule } from '../src/signing/signing.module';

// Against the real Redis: the nonce store is what makes a replay fail on every gateway replica.
describe(RequestVerifier.name, () => {
  const replicas: TestingModule[] = [];
  const device = uniqueName('dev');
  const secret = 'device-secret-0123456789';
  const lookup = (id: string) => Promise.resolve(id === device ? secret : undefined);

  const replica = async () => {
    const module = await Test.createTestingModule({
      imports: [RedisModule.forUrl(testServers.redisUrl), SigningModule],
    }).compile();
    await module.init();
    replicas.push(module);
    return module.get(RequestVerifier);
  };

  afterAll(() => Promise.all(replicas.map((m) => m.close())));

  const signed = (
    overrides: { nonce?: string; timestamp?: number; body?: string; key?: string } = {},
  ): IncomingRequest => {
    const timestamp = String(overrides.timestamp ?? Date.now());
    const nonce = overrides.nonce ?? uniqueName('nonce-0000000-');
    const body = overrides.body ?? '{"clientRef":"r-1"}';
    const parts = { method: 'POST', path: '/pos/sales', timestamp, nonce, body };
    return {
      method: 'POST',
      path: '/pos/sales',
      rawBody: Buffer.from(body),
      headers: {
        [SigningHeaders.deviceId]: device,
        [SigningHeaders.timestamp]: timestamp,
        [SigningHeaders.nonce]: nonce,
        [SigningHeaders.signature]: signRequest(overrides.key ?? secret, parts),
      },
    };
  };

  it('accepts a well-signed request once, and refuses its replay on another replica', async () => {
    const [first, second] = [await replica(), await replica()];
    const request = signed();
    expect(await first.verify(request, lookup)).toEqual({ ok: true, deviceId: device });
    expect(await second.verify(request, lookup)).toEqual({ ok: false, code: AuthErrors.REPLAYED_NONCE });
    expect(await first.verify(request, lookup)).toEqual({ ok: false, code: AuthErrors.REPLAYED_NONCE });
  });

  it('refuses a timestamp more than a minute off, either way', async () => {
    const verifier = await replica();
    const now = Date.now();
    for (const timestamp of [now - MAX_SKEW_MS - 1_000, now + MAX_SKEW_MS + 1_000]) {
      expect(await verifier.verify(signed({ timestamp }), lookup, now)).toEqual({
        ok: false,
        code: AuthErrors.STALE_REQUEST,
      });
    }
  });

  it('refuses an unknown device, a bad signature, and missing or malformed headers', async () => {
    const verifier = await replica();
    const unknown = signed();
    unknown.headers[SigningHeaders.deviceId] = 'someone-else';
    expect(await verifier.verify(unknown, lookup)).toEqual({ ok: false, code: AuthErrors.UNKNOWN_DEVICE });
    expect(await verifier.verify(signed({ key: 'wrong-secret' }), lookup)).toEqual({
      ok: false,
      code: AuthErrors.BAD_SIGNATURE,
    });
    const tampered = signed();
    tampered.rawBody = Buffer.from('{"clientRef":"r-2"}');
    expect(await verifier.verify(tampered, lookup)).toEqual({ ok: false, code: AuthErrors.BAD_SIGNATURE });
    for (const header of Object.values(SigningHeaders)) {
      const missing = signed();
      delete missing.headers[header];
      expect(await verifier.verify(missing, lookup)).toEqual({
        ok: false,
        code: AuthErrors.SIGNATURE_MISSING,
      });
    }
    expect(await verifier.verify(signed({ nonce: 'short' }), lookup)).toEqual({
      ok: false,
      code: AuthErrors.SIGNATURE_MISSING,
    });
  });

  it('does not let a forged request use up the nonce of a real one', async () => {
    const verifier = await replica();
    const nonce = uniqueName('nonce-forged-00-');
    expect((await verifier.verify(signed({ nonce, key: 'forger' }), lookup)).ok).toBe(false);
    expect(await verifier.verify(signed({ nonce }), lookup)).toEqual({ ok: true, deviceId: device });
  });
});
