import { AuthErrors, ListDealers, ListTerminals } from '@tillpoint/contracts';
import { rememberSecrets } from '@tillpoint/testing';
import { ADMIN } from '../../auth/test/auth.harness';
import { expectProblem, PlatformHarness } from './platform.harness';

const dealer = (id: string, parentId?: string) => ({
  id,
  ...(parentId ? { parentId } : {}),
  name: `Dealer ${id}`,
  currency: 'KES',
  timeZone: 'Africa/Nairobi',
});
const PASSWORD = 'dealer-admin-password-1';
rememberSecrets(PASSWORD);

describe('the back office through the gateway: roles, scope, idempotency, validation, audit', () => {
  let platform: PlatformHarness;
  let admin: string;
  let topAdmin: string;
  let operator: string;

  beforeAll(async () => {
    platform = await PlatformHarness.start();
    admin = await platform.adminToken();
    const post = async (path: string, body: unknown, token = admin) => {
      const answer = await platform.call('POST', path, { token, body });
      if (answer.status !== 201) throw new Error(`${path}: ${JSON.stringify(answer.body)}`);
    };
    await post('/admin/dealers', dealer('d-nairobi-dist'));
    await post('/admin/dealers', dealer('d-kibera-shop', 'd-nairobi-dist'));
    await post('/admin/dealers', dealer('d-lagos-hub'));
    await post('/admin/dealers/d-lagos-hub/cashiers', { id: 'c-lagos-1a', pin: '123456' });
    await post('/admin/dealers/d-lagos-hub/terminals', { id: 't-lagos-1', serial: 'SN-LAGOS-1' });
    await post('/admin/operators', { id: 'ke-safaricom', name: 'Safaricom' });
    await post('/admin/operators', { id: 'ng-mtn', name: 'MTN Nigeria' });
    await post('/admin/users', {
      username: 'top-admin',
      password: PASSWORD,
      role: 'dealer-admin',
      dealerId: 'd-nairobi-dist',
    });
    await post('/admin/users', {
      username: 'saf-ops',
      password: PASSWORD,
      role: 'operator',
      operatorId: 'ke-safaricom',
    });
    topAdmin = await platform.login('top-admin', PASSWORD);
    operator = await platform.login('saf-ops', PASSWORD);
  });

  afterAll(() => platform?.stop());

  it('shows a dealer-admin its own dealer and the dealers below it, and nothing else', async () => {
    const listed = await platform.call<Array<{ id: string; path: string[] }>>('GET', '/admin/dealers', {
      token: topAdmin,
    });
    expect(listed.body.map((d) => d.id)).toEqual(['d-kibera-shop', 'd-nairobi-dist']);
    expect(listed.body[0].path).toEqual(['d-nairobi-dist', 'd-kibera-shop']);
    const all = await platform.call<Array<{ id: string }>>('GET', '/admin/dealers', { token: admin });
    expect(all.body.map((d) => d.id)).toEqual(['d-kibera-shop', 'd-lagos-hub', 'd-nairobi-dist']);
    expect((await platform.call('GET', '/admin/dealers/d-kibera-shop', { token: topAdmin })).status).toBe(
      200,
    );
  });

  it("refuses a dealer-admin another dealer's dealer, terminals and cashiers, and changes there", async () => {
    expectProblem(
      await platform.call('GET', '/admin/dealers/d-lagos-hub', { token: topAdmin }),
      403,
      'forbidden',
    );
    expectProblem(
      await platform.call('GET', '/admin/dealers/d-lagos-hub/terminals', { token: topAdmin }),
      403,
      'forbidden',
    );
    expectProblem(
      await platform.call('GET', '/admin/dealers/d-lagos-hub/cashiers', { token: topAdmin }),
      403,
      'forbidden',
    );
    expectProblem(
      await platform.call('GET', '/admin/dealers/d-nowhere/cashiers', { token: topAdmin }),
      403,
      'forbidden',
    );
    expectProblem(
      await platform.call('POST', '/admin/terminals/t-lagos-1/block', { token: topAdmin }),
      403,
      'forbidden',
    );
    const sub = await platform.call('POST', '/admin/dealers', {
      token: topAdmin,
      body: dealer('d-sneaky', 'd-lagos-hub'),
    });
    expectProblem(sub, 403, 'forbidden');
    const top = await platform.call('POST', '/admin/dealers', { token: topAdmin, body: dealer('d-new-top') });
    expectProblem(top, 403, 'forbidden');
    const own = await platform.call('POST', '/admin/dealers', {
      token: topAdmin,
      body: dealer('d-kibera-kiosk', 'd-kibera-shop'),
    });
    expect(own.body).toMatchObject({ path: ['d-nairobi-dist', 'd-kibera-shop', 'd-kibera-kiosk'] });
  });

  it('keeps the scope in auth itself, whatever a caller sends it', async () => {
    const client = platform.auth.client;
    const asTop = { role: 'dealer-admin' as const, subject: 'x', dealerId: 'd-kibera-shop' };
    const dealers = await client.request(ListDealers, { principal: asTop });
    expect(dealers.map((d) => d.id)).toEqual(['d-kibera-kiosk', 'd-kibera-shop']);
    await expect(
      client.request(ListTerminals, { principal: asTop, dealerId: 'd-lagos-hub' }),
    ).rejects.toMatchObject({
      code: AuthErrors.FORBIDDEN,
    });
    const asOperator = { role: 'operator' as const, subject: 'y', operatorId: 'ke-safaricom' };
    await expect(client.request(ListDealers, { principal: asOperator })).rejects.toMatchObject({
      code: AuthErrors.FORBIDDEN,
    });
  });

  it('lists the users a principal administers, never their passwords', async () => {
    const mine = await platform.call<Array<{ username: string }>>('GET', '/admin/users', { token: topAdmin });
    expect(mine.body).toEqual([
      { id: expect.any(String), username: 'top-admin', role: 'dealer-admin', dealerId: 'd-nairobi-dist' },
    ]);
    const all = await platform.call<Array<{ username: string }>>('GET', '/admin/users', { token: admin });
    expect(all.body.map((u) => u.username)).toEqual([ADMIN.username, 'saf-ops', 'top-admin']);
    expect(JSON.stringify(all.body)).not.toMatch(/argon|hash|password/);
  });

  it('lets an operator see only its own operator and no dealers', async () => {
    const operators = await platform.call('GET', '/admin/operators', { token: operator });
    expect(operators.body).toEqual([{ id: 'ke-safaricom', name: 'Safaricom' }]);
    expectProblem(await platform.call('GET', '/admin/dealers', { token: operator }), 403, 'forbidden');
    expectProblem(
      await platform.call('POST', '/admin/operators', { token: topAdmin, body: { id: 'x', name: 'X' } }),
      403,
      'forbidden',
    );
  });

  it('answers a retried create with the first answer, and a different body with a conflict', async () => {
    const again = await platform.call('POST', '/admin/dealers', {
      token: admin,
      body: dealer('d-lagos-hub'),
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: 'd-lagos-hub', name: 'Dealer d-lagos-hub' });
    const changed = await platform.call('POST', '/admin/dealers', {
      token: admin,
      body: { ...dealer('d-lagos-hub'), name: 'Other' },
    });
    expectProblem(changed, 409, 'conflict');
    const cashier = await platform.call('POST', '/admin/dealers/d-lagos-hub/cashiers', {
      token: admin,
      body: { id: 'c-lagos-1a', pin: '123456' },
    });
    expect(cashier.status).toBe(201);
    const otherPin = await platform.call('POST', '/admin/dealers/d-lagos-hub/cashiers', {
      token: admin,
      body: { id: 'c-lagos-1a', pin: '654321' },
    });
    expectProblem(otherPin, 409, 'conflict');
    const events = await platform.auth.rows(
      `SELECT 1 FROM auth.outbox WHERE name = 'auth.dealer.created.v1'`,
    );
    expect(events).toHaveLength(4);
  });

  it('changes a dealer in scope and says so with the whole profile, once', async () => {
    const patch = (token: string, body: unknown) =>
      platform.call('PATCH', '/admin/dealers/d-kibera-shop', { token, body });
    expect(
      (await patch(topAdmin, { name: 'Kibera Corner Shop', email: 'shop@example.com' })).body,
    ).toMatchObject({
      id: 'd-kibera-shop',
      name: 'Kibera Corner Shop',
      email: 'shop@example.com',
      path: ['d-nairobi-dist', 'd-kibera-shop'],
    });
    expect((await patch(topAdmin, { name: 'Kibera Corner Shop' })).status).toBe(200);
    expectProblem(await patch(topAdmin, { currency: 'NGN' }), 400, 'invalid-request');
    const lagos = await platform.call('PATCH', '/admin/dealers/d-lagos-hub', {
      token: topAdmin,
      body: { name: 'Mine' },
    });
    expectProblem(lagos, 403, 'forbidden');
    const events = await platform.auth.rows<{ payload: { dealer: { name: string } } }>(
      `SELECT payload FROM auth.outbox WHERE name = 'auth.dealer.updated.v1'`,
    );
    expect(events.map((e) => e.payload.dealer.name)).toEqual(['Kibera Corner Shop']);
  });

  it('answers a back-office login with a wrong password as one with an unknown user', async () => {
    const wrong = await platform.call('POST', '/auth/login', {
      body: { username: ADMIN.username, password: 'wrong-password-00' },
    });
    const unknown = await platform.call('POST', '/auth/login', {
      body: { username: 'nobody-here', password: ADMIN.password },
    });
    expectProblem(wrong, 401, 'invalid-credentials');
    expect({ ...unknown.body, correlationId: 0 }).toEqual({ ...wrong.body, correlationId: 0 });
  });

  it('ends a back-office session for good on logout, on every replica (Redis)', async () => {
    const token = await platform.login('saf-ops', PASSWORD);
    expect((await platform.call('GET', '/me', { token })).body).toMatchObject({
      principal: { role: 'operator', operatorId: 'ke-safaricom' },
    });
    expect((await platform.call('DELETE', '/auth/sessions/current', { token })).status).toBe(204);
    expectProblem(await platform.call('GET', '/me', { token }), 401, 'session-revoked');
    expect((await platform.call('GET', '/me', { token: operator })).status).toBe(200);
  });

  it('refuses no token, a malformed token and a role the route does not take', async () => {
    expectProblem(await platform.call('GET', '/admin/dealers'), 401, 'invalid-token');
    expectProblem(await platform.call('GET', '/admin/dealers', { token: 'a.b.c' }), 401, 'invalid-token');
    expectProblem(
      await platform.call('POST', '/admin/users', { token: operator, body: {} }),
      403,
      'forbidden',
    );
  });

  it('answers bad input with a 400 problem, a body over 1 MB with 413 and an unknown route with 404', async () => {
    const extra = await platform.call('POST', '/admin/dealers', {
      token: admin,
      body: { ...dealer('d-x'), colour: 'red' },
    });
    expectProblem(extra, 400, 'invalid-request');
    expect(extra.body.detail).toMatch(/colour/);
    const invalid = await platform.call('POST', '/admin/dealers', {
      token: admin,
      body: { ...dealer('d-x'), currency: 'XXX1' },
    });
    expectProblem(invalid, 400, 'invalid-request');
    expectProblem(
      await platform.call('POST', '/admin/dealers', { token: admin, raw: '{"id": ' }),
      400,
      'malformed-json',
    );
    const huge = JSON.stringify({ ...dealer('d-x'), name: 'x'.repeat(1_100_000) });
    expectProblem(
      await platform.call('POST', '/admin/dealers', { token: admin, raw: huge }),
      413,
      'payload-too-large',
    );
    expectProblem(
      await platform.call('GET', '/admin/nothing-here', { token: admin }),
      404,
      'route-not-found',
    );
    expectProblem(
      await platform.call('GET', '/admin/dealers/Not%20An%20Id', { token: admin }),
      400,
      'invalid-request',
    );
  });

  it('keeps an audit record of every admin action: who, what, when, target', async () => {
    const rows = await platform.auth.rows<{
      actor: string;
      role: string;
      action: string;
      target: string;
      at: Date;
    }>('SELECT actor, role, action, target, at FROM auth.audit_log ORDER BY id');
    const [adminUser] = await platform.auth.rows<{ id: string }>(
      'SELECT id FROM auth.users WHERE username = $1',
      [ADMIN.username],
    );
    expect(rows.slice(0, 9).map((r) => [r.action, r.target])).toEqual([
      ['dealer.create', 'd-nairobi-dist'],
      ['dealer.create', 'd-kibera-shop'],
      ['dealer.create', 'd-lagos-hub'],
      ['cashier.create', 'c-lagos-1a'],
      ['terminal.register', 't-lagos-1'],
      ['operator.create', 'ke-safaricom'],
      ['operator.create', 'ng-mtn'],
      ['user.create', 'top-admin'],
      ['user.create', 'saf-ops'],
    ]);
    expect(rows[0]).toMatchObject({ actor: adminUser.id, role: 'platform-admin', at: expect.any(Date) });
    const [topAdminUser] = await platform.auth.rows<{ id: string }>(
      `SELECT id FROM auth.users WHERE username = 'top-admin'`,
    );
    expect(rows.find((r) => r.target === 'd-kibera-kiosk')).toMatchObject({
      actor: topAdminUser.id,
      role: 'dealer-admin',
    });
  });
});
