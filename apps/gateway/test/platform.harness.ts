import type { INestApplication } from '@nestjs/common';
import { signRequest, SigningHeaders, type SessionView } from '@tillpoint/contracts';
import { loadServiceConfig, startService } from '@tillpoint/runtime';
import { BrokerTap, eventually, rememberSecrets, testServers, uniqueName } from '@tillpoint/testing';
import { randomBytes } from 'node:crypto';
import { ADMIN, AuthHarness } from '../../auth/test/auth.harness';
import { AppModule } from '../src/app.module';
import { GatewayConfig } from '../src/config/gateway.config';
import { startGateway } from '../src/http/start-gateway';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** Asserts a problem+json answer with this status and stable type, and its correlation id. */
export function expectProblem(answer: Answer<unknown>, status: number, slug: string): void {
  expect({ status: answer.status, type: (answer.body as { type?: string }).type }).toEqual({
    status,
    type: `https://tillpoint.dev/problems/${slug}`,
  });
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status, title: expect.any(String), correlationId: expect.any(String) });
}

/** Auth and a gateway in the test's process, on a fresh database, namespace and Redis key prefix. */
export class PlatformHarness {
  private constructor(
    readonly auth: AuthHarness,
    readonly gateway: INestApplication,
    readonly url: string,
  ) {}

  /** The same platform through another gateway replica's address. */
  at(url: string): PlatformHarness {
    return new PlatformHarness(this.auth, this.gateway, url);
  }

  static async start(env: Record<string, string> = {}): Promise<PlatformHarness> {
    const namespace = uniqueName('g');
    const auth = await AuthHarness.start(namespace);
    const gateway = await startGatewayApp(namespace, env);
    const port = (gateway.getHttpServer() as { address(): { port: number } }).address().port;
    const harness = new PlatformHarness(auth, gateway, `http://127.0.0.1:${port}`);
    await harness.ready();
    return harness;
  }

  /** HTTP calls to a gateway another harness started (the full platform's). */
  static over(auth: AuthHarness, gateway: INestApplication, url: string): PlatformHarness {
    return new PlatformHarness(auth, gateway, url);
  }

  async ready(): Promise<void> {
    await eventually(async () => (await this.call('GET', '/health/ready')).status === 200, {
      what: 'the gateway to be ready',
    });
  }

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const raw = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const response = await fetch(this.url + path, {
      method,
      body: raw,
      headers: {
        ...(raw !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as T };
  }

  /** A back-office session token. */
  async login(username: string, password: string): Promise<string> {
    const answer = await this.call<SessionView>('POST', '/auth/login', { body: { username, password } });
    if (answer.status !== 200) throw new Error(`login failed: ${JSON.stringify(answer.body)}`);
    rememberSecrets(answer.body.token);
    return answer.body.token;
  }

  adminToken(): Promise<string> {
    return this.login(ADMIN.username, ADMIN.password);
  }

  async stop(): Promise<void> {
    await this.gateway.close();
    await this.auth.stop();
    await cleanUpNamespace(this.auth.namespace);
  }
}

/** Another gateway replica on the same namespace (each has its own fan-out queue). */
export async function startGatewayApp(
  namespace: string,
  env: Record<string, string>,
): Promise<INestApplication> {
  const config = loadServiceConfig(GatewayConfig, 'gateway', {
    AMQP_URL: testServers.amqpUrl,
    AMQP_NAMESPACE: namespace,
    REDIS_URL: testServers.redisUrl,
    GATEWAY_REDIS_PREFIX: `${namespace}:`,
    GATEWAY_PORT: '0',
    LOG_LEVEL: 'info',
    INTERNAL_API_TOKEN: randomBytes(24).toString('hex'),
    ...env,
  });
  return startService(AppModule.forRoot(config), config, startGateway);
}

/** An activated terminal as the tests drive it: every request signed with its device secret. */
export class PosDevice {
  constructor(
    private readonly platform: PlatformHarness,
    readonly terminalId: string,
    readonly deviceId: string,
    readonly secret: string,
  ) {
    rememberSecrets(secret);
  }

  /** A signed request; `tamper` changes what is sent after signing, to make each refusal. */
  signed<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: {
      body?: unknown;
      /** Sent as is (signed as is): a body that is not valid JSON. */
      raw?: string;
      token?: string;
      headers?: Record<string, string>;
      timestamp?: number;
      nonce?: string;
      secret?: string;
      deviceId?: string;
    } = {},
  ): Promise<Answer<T>> {
    const raw = options.raw ?? (options.body === undefined ? '' : JSON.stringify(options.body));
    const timestamp = String(options.timestamp ?? Date.now());
    const nonce = options.nonce ?? randomBytes(12).toString('base64url');
    const signature = signRequest(options.secret ?? this.secret, {
      method,
      path,
      timestamp,
      nonce,
      body: raw,
    });
    return this.platform.call<T>(method, path, {
      raw: options.body === undefined && options.raw === undefined ? undefined : raw,
      token: options.token,
      headers: {
        ...options.headers,
        [SigningHeaders.deviceId]: options.deviceId ?? this.deviceId,
        [SigningHeaders.timestamp]: timestamp,
        [SigningHeaders.nonce]: nonce,
        [SigningHeaders.signature]: signature,
      },
    });
  }

  /** This device talking to another gateway replica. */
  via(url: string): PosDevice {
    return new PosDevice(this.platform.at(url), this.terminalId, this.deviceId, this.secret);
  }

  async session(cashierId: string, pin: string): Promise<string> {
    const answer = await this.signed<SessionView>('POST', '/pos/sessions', { body: { cashierId, pin } });
    if (answer.status !== 201) throw new Error(`cashier login failed: ${JSON.stringify(answer.body)}`);
    rememberSecrets(answer.body.token);
    return answer.body.token;
  }
}

/** Registers and activates a terminal for a dealer through the HTTP API, as an admin and a device would. */
export async function activatedTerminal(
  platform: PlatformHarness,
  adminToken: string,
  dealerId: string,
  terminalId: string,
): Promise<PosDevice> {
  const serial = `SN${randomBytes(5).toString('hex')}`;
  const registered = await platform.call<{ activationCode: string }>(
    'POST',
    `/admin/dealers/${dealerId}/terminals`,
    {
      token: adminToken,
      body: { id: terminalId, serial },
    },
  );
  if (registered.status !== 201) throw new Error(`register failed: ${JSON.stringify(registered.body)}`);
  rememberSecrets(registered.body.activationCode);
  const activated = await platform.call<{ deviceId: string; deviceSecret: string }>(
    'POST',
    '/pos/activation',
    {
      body: { serial, activationCode: registered.body.activationCode },
    },
  );
  if (activated.status !== 201) throw new Error(`activation failed: ${JSON.stringify(activated.body)}`);
  return new PosDevice(platform, terminalId, activated.body.deviceId, activated.body.deviceSecret);
}

export async function cleanUpNamespace(namespace: string): Promise<void> {
  const tap = await BrokerTap.open();
  await tap.deleteNamespace(namespace, ['gateway'], [1000, 5000, 30000]);
  await tap.close();
}
