import {
  CashierLocked,
  TerminalBlocked,
  TerminalUnblocked,
  type RevocationsView,
} from '@tillpoint/contracts';
import type { FanoutHandler, FanoutSubscriber, MessageClient } from '@tillpoint/messaging';
import type { DeviceDirectory } from './device-directory';
import { Revocations } from './revocations';

function setUp() {
  let answer!: (view: RevocationsView) => void;
  let handler!: FanoutHandler;
  let bound!: () => void;
  const client = {
    request: jest.fn(() => new Promise<RevocationsView>((resolve) => (answer = resolve))),
  } as unknown as MessageClient;
  const fanout = {
    subscribe: (_contracts: unknown, h: FanoutHandler) => {
      handler = h;
      return { ready: Promise.resolve(), onBound: (listener: () => void) => (bound = listener) };
    },
  } as unknown as FanoutSubscriber;
  const devices = { drop: jest.fn() } as unknown as DeviceDirectory & { drop: jest.Mock };
  const revocations = new Revocations(client, fanout, devices);
  revocations.onApplicationBootstrap();
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    revocations,
    devices,
    answer: (v: RevocationsView) => answer(v),
    hear: (n: string, p: object) => handler(n, p),
    bind: () => bound(),
    settle,
  };
}

describe(Revocations.name, () => {
  it('is not ready until it has loaded the blocks, then knows them', async () => {
    const t = setUp();
    t.bind();
    expect((await t.revocations.check()).up).toBe(false);
    const until = new Date(Date.now() + 60_000).toISOString();
    t.answer({ blockedTerminals: ['t-1'], lockedCashiers: [{ cashierId: 'c-1', until }] });
    await t.settle();
    expect((await t.revocations.check()).up).toBe(true);
    expect(t.revocations.isTerminalBlocked('t-1')).toBe(true);
    expect(t.revocations.isCashierLocked('c-1')).toBe(true);
    expect(t.revocations.isCashierLocked('c-1', Date.parse(until) + 1)).toBe(false);
  });

  it('keeps an event heard while a load was under way, over the older answer', async () => {
    const t = setUp();
    t.bind();
    await t.hear(TerminalBlocked.name, { terminalId: 't-2', dealerId: 'd', deviceId: 'dv-2' });
    t.answer({ blockedTerminals: [], lockedCashiers: [] });
    await t.settle();
    expect(t.revocations.isTerminalBlocked('t-2')).toBe(true);
    expect(t.devices.drop).toHaveBeenCalledWith('t-2', 'dv-2');
  });

  it('follows blocks, unblocks and lockouts as they are heard', async () => {
    const t = setUp();
    t.bind();
    t.answer({ blockedTerminals: ['t-3'], lockedCashiers: [] });
    await t.settle();
    await t.hear(TerminalUnblocked.name, { terminalId: 't-3', dealerId: 'd' });
    await t.hear(CashierLocked.name, {
      cashierId: 'c-3',
      dealerId: 'd',
      until: new Date(Date.now() + 1000).toISOString(),
    });
    expect(t.revocations.isTerminalBlocked('t-3')).toBe(false);
    expect(t.revocations.isCashierLocked('c-3')).toBe(true);
  });
});
