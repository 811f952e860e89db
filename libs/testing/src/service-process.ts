import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { DEFAULT_PORTS, type ServiceName } from '@tillpoint/contracts';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { eventually } from './eventually';
import { rememberSecrets } from './secrets';

const signingKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' });
/** Auth's keys for the processes of one test file: every auth instance of the file signs alike. */
const authKeys = {
  AUTH_SIGNING_KEY: `test:${signingKey.toString('base64')}`,
  AUTH_DEVICE_SECRET_KEYS: `test:${randomBytes(32).toString('base64')}`,
};

export const repoRoot = path.resolve(__dirname, '../../..');

export interface ServiceProcessOptions {
  env: Record<string, string>;
  port?: number;
  /** Run this script instead of the built service (a test fixture, through @swc-node/register). */
  script?: string;
}

/** One service (or a test fixture) running as its own OS process, with its output captured. */
export class ServiceProcess {
  readonly output: string[] = [];
  private exited?: Promise<number | null>;

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    const collect = (chunk: Buffer) =>
      this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = once(child, 'exit').then(([code]) => code as number | null);
  }

  static start(service: ServiceName, options: ServiceProcessOptions): ServiceProcess {
    const port = options.port ?? DEFAULT_PORTS[service];
    const script = options.script ?? path.join(repoRoot, 'dist', 'apps', service, 'main.js');
    const register = options.script ? ['-r', '@swc-node/register'] : [];
    rememberSecrets('test-admin-password', options.env.ADMIN_PASSWORD);
    const child = spawn(process.execPath, ['--enable-source-maps', ...register, script], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        SWC_NODE_PROJECT: path.join(repoRoot, 'tsconfig.base.json'),
        ADMIN_PASSWORD: 'test-admin-password',
        ...authKeys,
        ...(process.env.LOG_CAPTURE_DIR ? { LOG_CAPTURE_DIR: process.env.LOG_CAPTURE_DIR } : {}),
        LOG_LEVEL: 'info',
        [`${service.toUpperCase()}_PORT`]: String(port),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(service, port, child);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async readiness(): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`http://127.0.0.1:${this.port}/health/ready`);
    return { status: response.status, body: await response.json() };
  }

  /** Waits until /health/ready answers 200. */
  async waitReady(timeoutMs = 60_000): Promise<void> {
    await eventually(
      async () => {
        if (!this.running) throw new Error(`${this.name} exited:\n${this.output.slice(-20).join('\n')}`);
        return (await this.readiness()).status === 200;
      },
      { timeoutMs, intervalMs: 200, what: `${this.name} to be ready` },
    );
  }

  /** Sends a signal and waits for the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<number | null> {
    if (this.running) this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited!;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits for the process to end by itself. */
  async exit(): Promise<number | null> {
    return this.exited!;
  }
}
