import { OptionError, parseOptions, readFlags } from './options';

const GATEWAY = 'http://127.0.0.1:3000';

describe(parseOptions.name, () => {
  it('gives the issue defaults when no option is given', () => {
    expect(parseOptions([], GATEWAY)).toEqual({
      gateway: GATEWAY,
      case: 'default',
      durationS: 60,
      warmupS: 5,
      dealers: 10,
      terminals: 10,
      concurrency: 100,
      mix: [
        { name: 'pin', weight: 8 },
        { name: 'topup', weight: 2 },
      ],
      rate: undefined,
      pins: undefined,
      limit: true,
      invariants: true,
    });
  });

  it('reads --name value and --name=value, and the two switches', () => {
    const options = parseOptions(
      [
        '--duration',
        '10',
        '--warmup=2',
        '--rate',
        '800',
        '--gateway',
        'http://h:3100/',
        '--no-limit',
        '--no-invariants',
      ],
      GATEWAY,
    );
    expect(options).toMatchObject({
      durationS: 10,
      warmupS: 2,
      rate: 800,
      gateway: 'http://h:3100',
      limit: false,
      invariants: false,
    });
  });

  it('puts every terminal on one dealer for the hot dealer', () => {
    expect(parseOptions(['--case', 'hot-dealer'], GATEWAY)).toMatchObject({ dealers: 1, terminals: 100 });
    expect(
      parseOptions(['--case', 'hot-dealer', '--dealers', '2', '--terminals', '5'], GATEWAY),
    ).toMatchObject({
      dealers: 1,
      terminals: 10,
    });
  });

  it.each([
    [['--duration', 'ten'], '--duration must be a whole number of at least 1, not "ten"'],
    [['--concurrency', '0'], '--concurrency must be a whole number of at least 1, not "0"'],
    [['--rate', '1.5'], '--rate must be a whole number of at least 1, not "1.5"'],
    [['--case', 'cold'], '--case must be one of default, hot-dealer, hot-product, not "cold"'],
    [
      ['--gateway', 'localhost:3000'],
      '--gateway must be a base URL like http://127.0.0.1:3000, not "localhost:3000"',
    ],
    [['--mix', 'pin'], '--mix takes name:weight pairs like pin:8,topup:2; "pin" is not one'],
  ])('refuses %j with a message naming the option', (argv, message) => {
    expect(() => parseOptions(argv, GATEWAY)).toThrow(new OptionError(message));
  });
});

describe(readFlags.name, () => {
  it('refuses an unknown option, a missing value, a stray word and a value on a switch', () => {
    expect(() => readFlags(['--speed', '3'])).toThrow('unknown option --speed');
    expect(() => readFlags(['--duration'])).toThrow('--duration needs a value');
    expect(() => readFlags(['fast'])).toThrow('unexpected argument "fast"');
    expect(() => readFlags(['--no-limit=yes'])).toThrow('--no-limit takes no value');
  });
});
