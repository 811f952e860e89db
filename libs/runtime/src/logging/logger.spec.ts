import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { withCorrelation } from './correlation';
import { createLogger } from './logger';

function capture(): { lines: () => Record<string, unknown>[]; logger: pino.Logger } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger('ledger', 'info', 'i-1', sink);
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe(createLogger.name, () => {
  it('writes one JSON object per line with the service, instance and correlation id', () => {
    const { logger, lines } = capture();
    withCorrelation('corr-1', () => logger.info('hello'));
    expect(lines()[0]).toMatchObject({
      level: 'info',
      service: 'ledger',
      instance: 'i-1',
      correlationId: 'corr-1',
      msg: 'hello',
    });
  });

  it('never writes a PIN, a secret or a token, however deep', () => {
    const { logger, lines } = capture();
    logger.info(
      { pin: '123456789012', sale: { pin: '999', voucher: { secret: 's3cr3t' } }, token: 'eyJ' },
      'sale',
    );
    const text = JSON.stringify(lines());
    expect(text).not.toMatch(/123456789012|"999"|s3cr3t|eyJ/);
    expect(text).toMatch(/\[redacted\]/);
  });

  it('never writes an authorization header, a device secret, an activation code or a password', () => {
    const { logger, lines } = capture();
    logger.info({
      req: { headers: { authorization: 'Bearer eyJhbGciOiJFZERTQSJ9.x.y' } },
      terminal: { deviceSecret: 'dev-secret-value', activationCode: 'ABCD-EFGH-JKLM' },
      user: { password: 'hunter2-hunter2', password_hash: '$argon2id$v=19$x' },
    });
    const text = JSON.stringify(lines());
    expect(text).not.toMatch(/eyJhbGci|dev-secret-value|ABCD-EFGH|hunter2|argon2id/);
  });

  it('also appends its lines to a file under LOG_CAPTURE_DIR, for the end-of-run secret check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'capture-'));
    const before = process.env.LOG_CAPTURE_DIR;
    process.env.LOG_CAPTURE_DIR = dir;
    try {
      createLogger('auth', 'info', 'i-2').warn({ pin: '4242' }, 'captured line');
    } finally {
      process.env.LOG_CAPTURE_DIR = before;
    }
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^auth-\d+-[0-9a-f]{8}\.jsonl$/);
    const line = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
    expect(line).toMatchObject({ msg: 'captured line', service: 'auth', pin: '[redacted]' });
  });
});
