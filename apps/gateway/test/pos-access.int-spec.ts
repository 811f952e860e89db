import { SESSION_AUDIENCE, SESSION_ISSUER } from '@tillpoint/contracts';
import { eventually, rememberSecrets } from '@tillpoint/testing';
import type { INestApplication } from '@nestjs/common';
import { decodeJwt, SignJWT } from 'jose';
import { testSigningKey } from '../../auth/test/auth.harness';
import { Revocations } from '../src/access/revocations';
import {
  activatedTerminal,
  expectProblem,
  PlatformHarness,
  startGatewayApp,
  type PosDevice,
} from './platform.harness';

const PIN = '448188';

describe('POS access through the gateway (real HTTP, auth, PostgreSQL, RabbitMQ and Redis)', () => {
  let platform: PlatformHarness;
  let admin: string;
  let pos: PosDevice;
  let other: PosDevice;
  let token: string;

  beforeAll(async () => {
    platform = await PlatformHarness.start();
    admin = await platform.adminToken();
    const dealer = {
      id: 'd-kibera-shop',
      name: 'Kibera Corner Shop',
      currency: 'KES',
      timeZone: 'Africa/Nairobi',
    };
    expect((await platform.call('POST', '/admin/dealers', { token: admin, body: dealer })).status).toBe(201);
    for (const id of ['c-kibera-1a', 'c-kibera-1b', 'c-lock', 'c-block']) {
      const created = await platform.call('POST', '/admin/dealers/d-kibera-shop/cashiers', {
        token: admin,
        body: { id, pin: PIN },
      });
      expect(created.status).toBe(201);
    }
    pos = await activatedTerminal(platform, admin, 'd-kibera-shop', 't-kibera-shop-1');
    other = await activatedTerminal(platform, admin, 'd-kibera-shop', 't-kibera-shop-2');
    token = await pos.session('c-kibera-1a', PIN);
  });

  afterAll(() => platform?.stop());

  it('opens sessions of several cashiers on one terminal, each carrying the seller context', async () => {
    const second = await pos.session('c-kibera-1b', PIN);
    const [me1, me2] = [
      await pos.signed('GET', '/me', { token }),
      await pos.signed('GET', '/me', { token: second }),
    ];
    expect(me1.status).toBe(200);
    expect(me1.body.seller).toEqual({
      dealerId: 'd-kibera-shop',
      dealerPath: ['d-kibera-shop'],
      dealerName: 'Kibera Corner Shop',
      currency: 'KES',
      timeZone: 'Africa/Nairobi',
      terminalId: 't-kibera-shop-1',
      cashierId: 'c-kibera-1a',
    });
    expect(me2.body).toMatchObject({ principal: { role: 'terminal', subject: 'c-kibera-1b' } });
  });

  it('refuses an unknown device', async () => {
    const answer = await pos.signed('GET', '/me', { token, deviceId: 'dv-000000000000000000000000' });
    expectProblem(answer, 401, 'unknown-device');
  });

  it('refuses a bad signature', async () => {
    expectProblem(await pos.signed('GET', '/me', { token, secret: 'not-the-secret' }), 401, 'bad-signature');
  });

  it('refuses a timestamp more than a minute off', async () => {
    expectProblem(
      await pos.signed('GET', '/me', { token, timestamp: Date.now() - 61_000 }),
      401,
      'stale-request',
    );
    expectProblem(
      await pos.signed('GET', '/me', { token, timestamp: Date.now() + 61_000 }),
      401,
      'stale-request',
    );
  });

  it('refuses a nonce it has seen, from any request of the device', async () => {
    const nonce = 'nonce-used-once-0001';
    expect((await pos.signed('GET', '/me', { token, nonce })).status).toBe(200);
    expectProblem(await pos.signed('GET', '/me', { token, nonce }), 401, 'replayed-request');
  });

  it('refuses a terminal session on an unsigned request, and on another terminal', async () => {
    expectProblem(await platform.call('GET', '/me', { token }), 401, 'signature-missing');
    expectProblem(await other.signed('GET', '/me', { token }), 401, 'session-revoked');
  });

  it('refuses an expired token and a token not signed by auth', async () => {
    const claims = decodeJwt(token);
    const expired = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'EdDSA', kid: testSigningKey.kid })
      .setIssuer(SESSION_ISSUER)
      .setAudience(SESSION_AUDIENCE)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 5)
      .sign(testSigningKey.key);
    rememberSecrets(expired);
    expectProblem(await pos.signed('GET', '/me', { token: expired }), 401, 'token-expired');
    const [head, body] = token.split('.');
    expectProblem(await pos.signed('GET', '/me', { token: `${head}.${body}.AAAA` }), 401, 'invalid-token');
    expectProblem(await pos.signed('GET', '/me'), 401, 'invalid-token');
  });

  it('answers a wrong PIN and an unknown cashier the same way', async () => {
    const wrong = await pos.signed('POST', '/pos/sessions', {
      body: { cashierId: 'c-kibera-1b', pin: '000000' },
    });
    const unknown = await pos.signed('POST', '/pos/sessions', { body: { cashierId: 'c-nobody', pin: PIN } });
    expectProblem(wrong, 401, 'invalid-credentials');
    const wrongBody = { ...wrong.body, correlationId: undefined };
    expect({ ...unknown.body, correlationId: undefined }).toEqual(wrongBody);
    expect(JSON.stringify(wrongBody)).not.toMatch(/c-kibera|PIN|cashier/i);
  });

  it("refuses another dealer's cashier on this terminal as it refuses a wrong PIN", async () => {
    const elsewhere = { id: 'd-lagos-hub', name: 'Lagos Hub', currency: 'NGN', timeZone: 'Africa/Lagos' };
    expect((await platform.call('POST', '/admin/dealers', { token: admin, body: elsewhere })).status).toBe(
      201,
    );
    const body = { id: 'c-lagos-1a', pin: PIN };
    expect(
      (await platform.call('POST', '/admin/dealers/d-lagos-hub/cashiers', { token: admin, body })).status,
    ).toBe(201);
    const answer = await pos.signed('POST', '/pos/sessions', { body: { cashierId: 'c-lagos-1a', pin: PIN } });
    expectProblem(answer, 401, 'invalid-credentials');
  });

  it('locks a cashier after five wrong PINs, even with the right one, and every gateway hears it', async () => {
    const session = await pos.session('c-lock', PIN);
    for (let i = 0; i < 5; i += 1) {
      const answer = await pos.signed('POST', '/pos/sessions', {
        body: { cashierId: 'c-lock', pin: '111111' },
      });
      expectProblem(answer, 401, 'invalid-credentials');
    }
    const locked = await pos.signed('POST', '/pos/sessions', { body: { cashierId: 'c-lock', pin: PIN } });
    expectProblem(locked, 403, 'locked');
    await eventually(() => platform.gateway.get(Revocations).isCashierLocked('c-lock'), {
      what: 'the lockout event',
    });
    expectProblem(await pos.signed('GET', '/me', { token: session }), 401, 'session-revoked');
    const [row] = await platform.auth.rows<{ n: string }>(
      `SELECT count(*) AS n FROM auth.outbox WHERE name = 'auth.cashier.locked.v1'`,
    );
    expect(row.n).toBe('1');
  });

  it('refuses a blocked terminal at once, by event, and again after unblock lets it back', async () => {
    const blocked = await activatedTerminal(platform, admin, 'd-kibera-shop', 't-kibera-shop-3');
    const session = await blocked.session('c-block', PIN);
    expect((await blocked.signed('GET', '/me', { token: session })).status).toBe(200);
    expect(
      (await platform.call('POST', '/admin/terminals/t-kibera-shop-3/block', { token: admin })).status,
    ).toBe(200);
    // The gateway holds the device's secret in its cache for 30 s: only the event can refuse it this soon.
    await eventually(() => platform.gateway.get(Revocations).isTerminalBlocked('t-kibera-shop-3'), {
      timeoutMs: 5000,
      what: 'the block event',
    });
    expectProblem(await blocked.signed('GET', '/me', { token: session }), 401, 'unknown-device');
    expectProblem(
      await blocked.signed('POST', '/pos/sessions', { body: { cashierId: 'c-block', pin: PIN } }),
      401,
      'unknown-device',
    );

    let replica: INestApplication | undefined;
    try {
      replica = await startGatewayApp(platform.auth.namespace, {});
      const revocations = replica.get(Revocations);
      await eventually(async () => (await revocations.check()).up, {
        what: 'a new replica to load the blocks',
      });
      expect(revocations.isTerminalBlocked('t-kibera-shop-3')).toBe(true);
    } finally {
      await replica?.close();
    }

    expect(
      (await platform.call('POST', '/admin/terminals/t-kibera-shop-3/unblock', { token: admin })).status,
    ).toBe(200);
    await eventually(() => !platform.gateway.get(Revocations).isTerminalBlocked('t-kibera-shop-3'), {
      what: 'unblock',
    });
    expect((await blocked.signed('GET', '/me', { token: session })).status).toBe(200);
  });

  it('ends a session for good on logout', async () => {
    const session = await pos.session('c-kibera-1b', PIN);
    expect((await pos.signed('DELETE', '/pos/sessions/current', { token: session })).status).toBe(204);
    expectProblem(await pos.signed('GET', '/me', { token: session }), 401, 'session-revoked');
    expect((await pos.signed('GET', '/me', { token })).status).toBe(200);
  });

  it('uses an activation code once only', async () => {
    const serial = 'SN-ONCE-0001';
    const registered = await platform.call<{ activationCode: string }>(
      'POST',
      '/admin/dealers/d-kibera-shop/terminals',
      {
        token: admin,
        body: { id: 't-once', serial },
      },
    );
    rememberSecrets(registered.body.activationCode);
    const wrong = await platform.call('POST', '/pos/activation', {
      body: { serial, activationCode: 'AAAA-BBBB-CCCC' },
    });
    expectProblem(wrong, 401, 'activation-refused');
    const first = await platform.call<{ deviceSecret: string }>('POST', '/pos/activation', {
      body: { serial, activationCode: registered.body.activationCode },
    });
    expect(first.status).toBe(201);
    rememberSecrets(first.body.deviceSecret);
    const again = await platform.call('POST', '/pos/activation', {
      body: { serial, activationCode: registered.body.activationCode },
    });
    expectProblem(again, 401, 'activation-refused');
    const [row] = await platform.auth.rows<{ secret_sealed: { sealed: string } }>(
      `SELECT secret_sealed FROM auth.terminals WHERE id = 't-once'`,
    );
    expect(JSON.stringify(row)).not.toContain(first.body.deviceSecret);
  });

  it("limits each terminal's requests, counted in Redis across gateway replicas", async () => {
    // Clear of a minute boundary, so that every request below falls in one window.
    if (Date.now() % 60_000 > 50_000) await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000)));
    const limited = await activatedTerminal(platform, admin, 'd-kibera-shop', 't-kibera-shop-4');
    // Both replicas share the count (limit 3 on the second): the login and a request through the first
    // leave one request for the second.
    const session = await limited.session('c-kibera-1a', PIN);
    const replica = await startGatewayApp(platform.auth.namespace, { GATEWAY_TERMINAL_RATE_PER_MIN: '3' });
    try {
      await eventually(async () => (await replica.get(Revocations).check()).up, { what: 'the replica' });
      const port = (replica.getHttpServer() as { address(): { port: number } }).address().port;
      const viaReplica = limited.via(`http://127.0.0.1:${port}`);
      expect((await limited.signed('GET', '/me', { token: session })).status).toBe(200);
      expect((await viaReplica.signed('GET', '/me', { token: session })).status).toBe(200);
      const refused = await viaReplica.signed('GET', '/me', { token: session });
      expectProblem(refused, 429, 'rate-limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await replica.close();
    }
  });

  it('limits logins per cashier and terminal, shared in Redis, with Retry-After', async () => {
    let answer = await pos.signed('POST', '/pos/sessions', { body: { cashierId: 'c-rate', pin: '000000' } });
    for (let i = 1; i < 25 && answer.status !== 429; i += 1) {
      answer = await pos.signed('POST', '/pos/sessions', { body: { cashierId: 'c-rate', pin: '000000' } });
    }
    expectProblem(answer, 429, 'rate-limited');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
