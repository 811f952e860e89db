import {
  DealerCreated,
  DealerUpdated,
  GetBalance,
  GetStatement,
  LedgerErrors,
  OpenAccount,
  TopUpFloat,
  type DealerProfile,
  type Principal,
} from '@tillpoint/contracts';
import { BrokerTap, eventually } from '@tillpoint/testing';
import { LedgerHarness } from './ledger.harness';

describe('dealer floats from auth events, and reads scoped to who asks', () => {
  let ledger: LedgerHarness;
  let tap: BrokerTap;

  const dealer = (id: string, path: string[], currency = 'KES'): DealerProfile => ({
    id,
    path,
    parentId: path.length > 1 ? path[path.length - 2] : undefined,
    name: id,
    currency,
    timeZone: 'Africa/Nairobi',
  });
  const floatOf = async (id: string) =>
    (
      await ledger.rows<{ currency: string; owner_path: string[] | null }>(
        `SELECT currency, owner_path FROM ledger.accounts WHERE code = $1`,
        [`float:${id}`],
      )
    )[0];

  beforeAll(async () => {
    ledger = await LedgerHarness.start();
    tap = await BrokerTap.open();
    // A float an admin opened before auth's event arrived: the event only adds its place in the tree.
    await ledger.client.request(OpenAccount, { kind: 'float', owner: 'd-shop-b', currency: 'KES' });
    tap.publish(ledger.namespace, DealerCreated.name, { dealer: dealer('d-dist', ['d-dist']) });
    tap.publish(ledger.namespace, DealerCreated.name, { dealer: dealer('d-shop-a', ['d-dist', 'd-shop-a']) });
    tap.publish(ledger.namespace, DealerCreated.name, {
      dealer: dealer('d-shop-b', ['d-other', 'd-shop-b']),
    });
    await eventually(
      async () =>
        (await floatOf('d-shop-a')) !== undefined && (await floatOf('d-shop-b'))?.owner_path !== null,
      {
        what: 'the floats of the announced dealers',
      },
    );
    await ledger.client.request(TopUpFloat, {
      transferId: 'topup-a',
      account: 'float:d-shop-a',
      amount: 5000n,
      actor: 'admin',
      reason: 'opening float',
    });
  });
  afterAll(async () => {
    await tap?.close();
    await ledger?.stop();
  });

  it('opens a float per dealer in its currency, with its path, and has its platform accounts', async () => {
    expect(await floatOf('d-shop-a')).toEqual({ currency: 'KES', owner_path: ['d-dist', 'd-shop-a'] });
    expect((await floatOf('d-shop-b'))?.owner_path).toEqual(['d-other', 'd-shop-b']);
    const platform = await ledger.rows(
      `SELECT code FROM ledger.accounts WHERE code IN ('funding:KES', 'commission:KES')`,
    );
    expect(platform).toHaveLength(2);
  });

  it('follows a dealer moved in the tree, once per event even if redelivered', async () => {
    const moved = { dealer: dealer('d-shop-a', ['d-dist', 'd-sub', 'd-shop-a']) };
    tap.publish(ledger.namespace, DealerUpdated.name, moved, { messageId: 'move-1' });
    await eventually(async () => (await floatOf('d-shop-a'))?.owner_path?.length === 3, {
      what: 'the new path',
    });
    const moveBack = { dealer: dealer('d-shop-a', ['d-dist', 'd-shop-a']) };
    tap.publish(ledger.namespace, DealerUpdated.name, moveBack, { messageId: 'move-2' });
    await eventually(async () => (await floatOf('d-shop-a'))?.owner_path?.length === 2, {
      what: 'the path back',
    });
    // The first event again (a redelivery): the inbox has it, nothing changes.
    tap.publish(ledger.namespace, DealerUpdated.name, moved, { messageId: 'move-1' });
    await new Promise((r) => setTimeout(r, 500));
    expect((await floatOf('d-shop-a'))?.owner_path).toEqual(['d-dist', 'd-shop-a']);
  });

  it('dead-letters a dealer event whose currency contradicts its float, leaving the float as it was', async () => {
    const dlq = `${ledger.namespace}.ledger.dlq`;
    tap.publish(ledger.namespace, DealerUpdated.name, { dealer: dealer('d-shop-b', ['d-shop-b'], 'NGN') });
    const [dead] = await tap.take(dlq);
    expect(String(dead.properties.headers?.['x-dead-reason'])).toContain(LedgerErrors.ACCOUNT_CONFLICT);
    expect(await floatOf('d-shop-b')).toEqual({ currency: 'KES', owner_path: ['d-other', 'd-shop-b'] });
  });

  const asks = (principal: Principal) =>
    ledger.client.request(GetBalance, { account: 'float:d-shop-a', principal }).then(
      (view) => view.available,
      (error: { code: string }) => error.code,
    );

  it('answers a float to its terminal, its dealer-admin and those above it, and a platform admin', async () => {
    expect(
      await asks({
        role: 'terminal',
        subject: 'c-1',
        dealerId: 'd-shop-a',
        dealerPath: ['d-dist', 'd-shop-a'],
        terminalId: 't-1',
      }),
    ).toBe('5000');
    expect(await asks({ role: 'dealer-admin', subject: 'u-a', dealerId: 'd-shop-a' })).toBe('5000');
    expect(await asks({ role: 'dealer-admin', subject: 'u-dist', dealerId: 'd-dist' })).toBe('5000');
    expect(await asks({ role: 'platform-admin', subject: 'admin' })).toBe('5000');
    expect(await ledger.client.request(GetBalance, { account: 'float:d-shop-a' })).toMatchObject({
      available: '5000',
    });
  });

  it('answers another dealer, a sibling terminal and an operator as if the float did not exist', async () => {
    const notFound = LedgerErrors.ACCOUNT_NOT_FOUND;
    expect(await asks({ role: 'dealer-admin', subject: 'u-b', dealerId: 'd-shop-b' })).toBe(notFound);
    expect(await asks({ role: 'dealer-admin', subject: 'u-o', dealerId: 'd-other' })).toBe(notFound);
    expect(await asks({ role: 'terminal', subject: 'c-2', dealerId: 'd-dist', terminalId: 't-2' })).toBe(
      notFound,
    );
    expect(await asks({ role: 'operator', subject: 'u-op', operatorId: 'd-shop-a' })).toBe(notFound);
    const statement = ledger.client.request(GetStatement, {
      account: 'float:d-shop-a',
      principal: { role: 'dealer-admin', subject: 'u-b', dealerId: 'd-shop-b' },
    });
    await expect(statement).rejects.toMatchObject({ code: notFound });
    const own = await ledger.client.request(GetStatement, {
      account: 'float:d-shop-a',
      principal: { role: 'dealer-admin', subject: 'u-dist', dealerId: 'd-dist' },
    });
    expect(own.lines.map((l) => l.amount)).toEqual(['5000']);
  });
});
