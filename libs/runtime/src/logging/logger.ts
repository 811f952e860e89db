import type { LoggerService } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { currentCorrelationId } from './correlation';

/** Fields that may hold a PIN, a secret or a token: never written, whatever the nesting. */
export const REDACTED_KEYS = [
  'pin',
  'pins',
  'password',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'cookie',
  'activationCode',
  'apiKey',
  'deviceSecret',
  'pin_hash',
  'password_hash',
  'secret_sealed',
];

const redactPaths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers.${k}`]);

/**
 * Where log lines go: stdout, and when `LOG_CAPTURE_DIR` is set (the test run sets it) also a file of
 * that run's captured lines, which the last check of `npm test` searches for secrets. Read from the
 * environment here rather than a config class, because in-process test harnesses pass their own settings.
 */
function defaultDestination(service: string): pino.DestinationStream {
  const stdout = pino.destination({ sync: false });
  const dir = process.env.LOG_CAPTURE_DIR;
  if (!dir) return stdout;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${service}-${process.pid}-${randomBytes(4).toString('hex')}.jsonl`);
  // Every level through: the logger's own level decides what is written.
  return pino.multistream([
    { level: 'trace', stream: stdout },
    { level: 'trace', stream: pino.destination({ dest: file, sync: true }) },
  ]);
}

/** The process's structured JSON logger; every line carries service, instance and correlation id. */
export function createLogger(
  service: string,
  level: string,
  instance: string,
  destination: pino.DestinationStream = defaultDestination(service),
): Logger {
  return pino(
    {
      level,
      base: { service, instance },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactPaths, censor: '[redacted]' },
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
    },
    destination,
  );
}

/** Nest's logger interface over pino, so framework lines are JSON too. */
export class JsonLogger implements LoggerService {
  constructor(private readonly pinoLogger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    // Nest passes the context (the class name) last, and for errors a stack before it.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const stack = typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
    if (message instanceof Error) {
      this.pinoLogger[level]({ context, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pinoLogger[level]({ context, ...message, stack });
    } else {
      this.pinoLogger[level]({ context, stack }, String(message));
    }
  }
}
