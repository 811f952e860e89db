import 'reflect-metadata';
import { platformEnv } from '../platform-env';
import { checkInvariants, formatOutcomes } from './run';

// npm run check:invariants: DESIGN section 5 against the live platform's schemas (read-only snapshots),
// with the settings `npm start` uses. Exit 1 on any failure.
async function main(): Promise<number> {
  const outcomes = await checkInvariants(platformEnv());
  process.stdout.write(`${formatOutcomes(outcomes)}\n`);
  return outcomes.every((o) => o.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `check:invariants could not run: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(2);
  },
);
