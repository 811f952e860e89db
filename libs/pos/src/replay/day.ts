import { NoAnswerError, ProblemError } from '../http';
import { PosLocalError } from '../local-errors';
import type { PosTerminal } from '../terminal';
import type { DealerData, TrafficLine } from './data';

export interface DayTally {
  lines: number;
  /** Lines answered 4xx, by the slug of the problem type (FAILED sales included). */
  refused: Record<string, number>;
  /** Lines that got a 5xx or no answer at all: they make the day differ from the data's, so they are shown. */
  unanswered: number;
}

/**
 * Replays the day in file order, one line at a time, as its terminal and cashier, each waiting for its
 * answer (the pos client polls a 202 until final).
 */
export async function replayDay(
  lines: TrafficLine[],
  terminals: Map<string, PosTerminal>,
  dealers: DealerData[],
  log: (line: string) => void,
): Promise<DayTally> {
  const pins = new Map(
    dealers.flatMap((d) => d.terminals.flatMap((t) => t.cashiers)).map((c) => [c.id, c.pin]),
  );
  const loggedIn = new Set<string>();
  const tally: DayTally = { lines: 0, refused: {}, unanswered: 0 };
  for (const line of lines) {
    const terminal = terminals.get(line.terminal);
    if (!terminal) throw new Error(`traffic line ${tally.lines + 1}: unknown terminal ${line.terminal}`);
    const session = `${line.terminal} ${line.cashier}`;
    if (!loggedIn.has(session)) {
      await terminal.login(line.cashier, pins.get(line.cashier) ?? '');
      loggedIn.add(session);
    }
    await playLine(terminal, line, tally);
    tally.lines++;
    if (tally.lines % 500 === 0) log(`replayed ${tally.lines}/${lines.length} lines`);
  }
  return tally;
}

async function playLine(terminal: PosTerminal, line: TrafficLine, tally: DayTally): Promise<void> {
  try {
    if (line.type === 'sale') {
      const { clientRef, sku = '', account = '', amount } = line;
      await terminal.sell(
        { clientRef, sku, account, ...(amount === undefined ? {} : { amount }) },
        line.cashier,
      );
    } else {
      await terminal.advise(line.type, line.clientRef, line.cashier);
    }
  } catch (error) {
    if (error instanceof ProblemError && error.status < 500) {
      tally.refused[error.slug] = (tally.refused[error.slug] ?? 0) + 1;
    } else if (
      error instanceof ProblemError ||
      error instanceof NoAnswerError ||
      error instanceof PosLocalError
    ) {
      tally.unanswered++;
    } else {
      throw error;
    }
  }
}
