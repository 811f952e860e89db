import { defineCommand, defineEvent, payloadClassOf } from './contract';

class Payload {}

describe(defineCommand.name, () => {
  it('accepts <service>.<thing>.<verb>.v<N> names', () => {
    expect(defineCommand('ledger.hold.create.v1', Payload).name).toBe('ledger.hold.create.v1');
    expect(defineEvent('voucher.sale.completed.v2', Payload).kind).toBe('event');
  });

  it.each([
    'ledger.hold.create',
    'Ledger.hold.create.v1',
    'ledger.v1',
    'ledger.hold.create.v0',
    'ledger hold.create.v1',
  ])('refuses the name %s', (name) => expect(() => defineCommand(name, Payload)).toThrow(/is not <service>/));

  it('knows which class validates a payload', () => {
    expect(payloadClassOf(defineCommand('a.b.c.v1', Payload))).toBe(Payload);
    expect(payloadClassOf(defineEvent('a.b.d.v1', Payload))).toBe(Payload);
  });
});
