import { PlatformHarness, activatedTerminal } from './platform.harness';

describe('smoke', () => {
  let platform: PlatformHarness;
  beforeAll(async () => {
    platform = await PlatformHarness.start();
  });
  afterAll(() => platform?.stop());

  it('works', async () => {
    const admin = await platform.adminToken();
    const d = await platform.call('POST', '/admin/dealers', {
      token: admin,
      body: { id: 'd-top', name: 'Top', currency: 'KES', timeZone: 'Africa/Nairobi' },
    });
    console.log(d);
    const c = await platform.call('POST', '/admin/dealers/d-top/cashiers', {
      token: admin,
      body: { id: 'c-1', pin: '123456' },
    });
    console.log(c);
    const pos = await activatedTerminal(platform, admin, 'd-top', 't-1');
    const token = await pos.session('c-1', '123456');
    console.log(await pos.signed('GET', '/me', { token }));
    console.log(await platform.call('POST', '/admin/dealers', { token: admin, raw: '{bad' }));
    console.log(await platform.call('GET', '/nowhere'));
  });
});
