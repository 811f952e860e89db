import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { parseArgs } from '../cli-args';
import { explain } from '../messages';
import { gatewayUrl, platformEnv } from '../platform-env';
import { DEFAULT_DATA_DIR } from './data';
import { replay } from './replay';
import { PlatformNotEmptyError } from './setup';

// npm run replay -- [traffic file] [--gateway URL] [--data DIR] [--lines N]: progress on stderr, the JSON
// report as the last line of stdout.
async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const env = platformEnv();
  const dataDir = resolve(args.flags.data ?? DEFAULT_DATA_DIR);
  try {
    const { unanswered, ...report } = await replay({
      gateway: args.flags.gateway ?? gatewayUrl(env),
      adminUsername: env.ADMIN_USERNAME ?? 'admin',
      adminPassword: env.ADMIN_PASSWORD ?? '',
      dataDir,
      trafficFile: resolve(args.positional[0] ?? join(dataDir, 'traffic', 'day-1.jsonl')),
      lines: args.flags.lines ? Number(args.flags.lines) : undefined,
      homes: args.flags.homes,
    });
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return unanswered > 0 ? 1 : 0;
  } catch (error) {
    const message =
      error instanceof PlatformNotEmptyError
        ? `replay: ${error.message}`
        : `replay failed: ${explain(error)}`;
    process.stderr.write(`${message}\n`);
    return 1;
  }
}

void main().then((code) => process.exit(code));
