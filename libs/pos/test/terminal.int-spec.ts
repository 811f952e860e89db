import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NoAnswerError, PosTerminal, TerminalHome } from '../src';
import { completedSale, DEVICE, FakeGateway, json, problem } from './fake-gateway';

const PIN = '81726354091827';

describe('the pos client against a gateway that checks its signatures', () => {
  let gateway: FakeGateway;
  let url: string;
  let home: TerminalHome;
  let logins = 0;

  const terminal = () => new PosTerminal({ home, gateway: url, pollEveryMs: 10, requestTimeoutMs: 2000 });

  beforeEach(async () => {
    logins = 0;
    gateway = new FakeGateway((req, res) => {
      if (req.path === '/pos/sessions') {
        logins++;
        return json(res, 201, {
          token: `token-${logins}`,
          expiresAt: new Date(Date.now() + 600_000).toISOString(),
        });
      }
      problem(res, 404, 'route-not-found');
    });
    url = await gateway.listen();
    home = new TerminalHome(mkdtempSync(join(tmpdir(), 'pos-client-')));
    home.saveDevice({ ...DEVICE, gateway: url });
  });

  afterEach(() => gateway.close());

  it('signs every request, polls a 202 until final and prints the slip (the journal keeps the PIN masked)', async () => {
    const t = terminal();
    await t.login('c-1', '907531');
    let polls = 0;
    gateway.answer((req, res) => {
      if (req.method === 'POST') return json(res, 202, { clientRef: 'r-1', state: 'PENDING' });
      polls++;
      json(
        res,
        200,
        polls < 3 ? { saleId: 's', clientRef: 'r-1', state: 'PENDING' } : completedSale('r-1', PIN),
      );
    });
    const { sale, slip } = await t.sell({ clientRef: 'r-1', sku: 'KE-PIN-10', account: '+254712345678' });
    expect([sale.state, polls]).toEqual(['COMPLETED', 3]);
    expect(slip).toContain(PIN);
    expect(slip!.split('\n').every((line) => line.length <= 32)).toBe(true);
    expect(gateway.seen.every((s) => s.signed)).toBe(true);
    expect(
      gateway.seen.filter((s) => s.path.startsWith('/pos/sales')).every((s) => s.token === 'token-1'),
    ).toBe(true);
    const journal = readFileSync(join(home.dir, 'journal.jsonl'), 'utf8');
    expect(journal).toContain(PIN.slice(-4));
    expect(journal).not.toContain(PIN);
    expect(journal).not.toContain(DEVICE.deviceSecret);
    expect(journal).not.toContain('907531');
  });

  it('queues a reversal for a sale that got no answer, and sends it from a restarted client', async () => {
    await terminal().login('c-1', '907531');
    gateway.answer((_req, res) => res.socket?.destroy());
    await expect(
      terminal().sell({ clientRef: 'r-2', sku: 'KE-PIN-10', account: '+254712345678' }),
    ).rejects.toBeInstanceOf(NoAnswerError);
    expect(terminal().journal.pending()).toEqual([
      expect.objectContaining({ advice: 'reverse', clientRef: 'r-2' }),
    ]);

    gateway.answer((req, res) =>
      json(res, 200, { ...completedSale('r-2'), state: 'REVERSED', path: req.path }),
    );
    const reports = await terminal().flushAdvices();
    expect(reports.map((r) => [r.result, r.sale?.state])).toEqual([['acknowledged', 'REVERSED']]);
    expect(gateway.seen.at(-1)).toMatchObject({
      method: 'POST',
      path: '/pos/sales/r-2/reverse',
      signed: true,
    });
    expect(terminal().journal.pending()).toEqual([]);
  });

  it('logs the cashier in again once on a 401 when it has the PIN from this run', async () => {
    const t = terminal();
    await t.login('c-1', '907531');
    gateway.answer((req, res) => {
      if (req.path === '/pos/sessions') {
        logins++;
        return json(res, 201, {
          token: `token-${logins}`,
          expiresAt: new Date(Date.now() + 600_000).toISOString(),
        });
      }
      if (req.token === 'token-1') return problem(res, 401, 'token-expired');
      json(res, 200, { dealerId: 'd-1', currency: 'KES', posted: '1', held: '0', available: '1' });
    });
    expect((await t.balance()).available).toBe('1');
    expect(logins).toBe(2);
    // A new process (which never had the PIN) goes on with the renewed token kept on disk.
    await expect(terminal().balance()).resolves.toMatchObject({ available: '1' });
  });
});
