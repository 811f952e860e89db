import { Logger, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { ServiceName } from '@tillpoint/contracts';
import { loadServiceConfig, type ServiceConfig } from '../config/service-config';
import { currentCorrelationId, withCorrelation } from '../logging/correlation';
import { createLogger, JsonLogger } from '../logging/logger';

const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_CORRELATION = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Creates a service's Nest application: JSON logs, a correlation id per HTTP request, a 1 MB body limit,
 * the raw body kept as `req.rawBody`.
 */
export async function createService(module: DynamicModule, config: ServiceConfig): Promise<INestApplication> {
  const pinoLogger = createLogger(config.service, config.logLevel, config.instanceId);
  const logger = new JsonLogger(pinoLogger);
  const app = await NestFactory.create<NestExpressApplication>(module, {
    logger,
    bodyParser: false,
    // Kept beside the parsed body: the gateway checks terminal signatures over the exact bytes sent.
    rawBody: true,
    abortOnError: false,
  });
  // The correlation id first, so that a body the parser refuses is answered and logged with one too.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const given = req.header(CORRELATION_HEADER);
    const id = given && SAFE_CORRELATION.test(given) ? given : undefined;
    withCorrelation(id, () => {
      res.setHeader(CORRELATION_HEADER, currentCorrelationId() ?? '');
      next();
    });
  });
  app.useBodyParser('json', { limit: '1mb' });
  return app;
}

/** Creates the app, lets `beforeListen` attach what else it needs, and serves HTTP (also in tests). */
export async function startService(
  module: DynamicModule,
  config: ServiceConfig,
  beforeListen: (app: INestApplication) => Promise<void>,
): Promise<INestApplication> {
  const app = await createService(module, config);
  await beforeListen(app);
  await app.listen(config.port, config.httpHost);
  return app;
}

/**
 * A service's whole main: load and check its config, create the app, let `beforeListen` attach what
 * else it needs (the message consumers), then serve HTTP. A failure to start exits non-zero.
 */
export function launch<C extends ServiceConfig>(
  service: ServiceName,
  configClass: new () => C,
  moduleFor: (config: C) => DynamicModule,
  beforeListen: (app: INestApplication) => Promise<void>,
): void {
  const start = async () => {
    const config = loadServiceConfig(configClass, service);
    process.on('unhandledRejection', (reason) => new Logger('Process').error(reason));
    const app = await startService(moduleFor(config), config, beforeListen);
    stopOnSignal(app, config.shutdownTimeoutMs);
  };
  start().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', service, time: new Date().toISOString(), msg: `failed to start: ${message}` })}\n`,
    );
    process.exit(1);
  });
}

/**
 * SIGTERM or SIGINT closes the app (the messaging lib stops consuming and finishes what is in flight)
 * and exits 0; a second signal, or a close that outlasts the timeout, exits at once with 1.
 */
function stopOnSignal(app: INestApplication, timeoutMs: number): void {
  const logger = new Logger('Process');
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.log(`${signal}: shutting down`);
    const deadline = setTimeout(() => {
      logger.error('shutdown took too long: exiting');
      process.exit(1);
    }, timeoutMs + 5000);
    deadline.unref();
    app.close().then(
      () => {
        logger.log('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
