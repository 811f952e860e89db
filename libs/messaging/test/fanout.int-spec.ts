import { defineEvent } from '@tillpoint/contracts';
import { AmqpConnection, FanoutSubscriber } from '@tillpoint/messaging';
import { BrokerTap, dropDatabase, eventually } from '@tillpoint/testing';
import { IsString } from 'class-validator';
import { fixtureEnv, startFixture, type FixtureApp, type FixtureEnv } from './fixtures/fixture.harness';

class Flag {
  @IsString()
  id: string;
}
const FlagRaised = defineEvent<Flag>('ledger.flag.raised.v1', Flag);

describe(FanoutSubscriber.name, () => {
  let env: FixtureEnv;
  let replicas: FixtureApp[];
  let tap: BrokerTap;
  const heard: string[][] = [[], []];
  const bound = [0, 0];

  beforeAll(async () => {
    env = fixtureEnv();
    replicas = [await startFixture(env), await startFixture(env)];
    for (const [i, replica] of replicas.entries()) {
      const subscription = replica.app
        .get(FanoutSubscriber)
        .subscribe([FlagRaised], (_name, payload) => void heard[i].push((payload as Flag).id));
      subscription.onBound(() => (bound[i] += 1));
      await subscription.ready;
    }
    tap = await BrokerTap.open();
  });

  afterAll(async () => {
    for (const replica of replicas ?? []) await replica.close();
    await tap?.deleteNamespace(env.AMQP_NAMESPACE, ['ledger'], [200, 400, 800]);
    await tap?.close();
    await dropDatabase(env.DATABASE_URL);
  });

  it('gives every replica its own copy of each event, not one copy shared out', async () => {
    tap.publish(env.AMQP_NAMESPACE, FlagRaised.name, { id: 'one' });
    tap.publish(env.AMQP_NAMESPACE, FlagRaised.name, { id: 'two' });
    await eventually(() => heard.every((h) => h.length === 2));
    expect(heard).toEqual([
      ['one', 'two'],
      ['one', 'two'],
    ]);
  });

  it('drops an event that fails its contract and goes on with the next', async () => {
    tap.publish(env.AMQP_NAMESPACE, FlagRaised.name, { id: 42 });
    tap.publish(env.AMQP_NAMESPACE, FlagRaised.name, { id: 'three' });
    await eventually(() => heard.every((h) => h.includes('three')));
    expect(heard[1]).toEqual(['one', 'two', 'three']);
    expect(heard[0]).toEqual(['one', 'two', 'three']);
  });

  it('declares and binds its queue again after a reconnect, and says so', async () => {
    replicas[0].app.get(AmqpConnection).reconnect();
    await eventually(() => bound[0] === 2);
    tap.publish(env.AMQP_NAMESPACE, FlagRaised.name, { id: 'after-reconnect' });
    await eventually(() => heard.every((h) => h.includes('after-reconnect')));
    expect(bound).toEqual([2, 1]);
  });
});
