import type { TerminalHome } from './home';

export type AdviceKind = 'confirm' | 'reverse';

/** What the journal holds, one JSON line each; never a PIN in clear, never a secret. */
export type JournalRecord =
  | {
      kind: 'receipt';
      at: string;
      clientRef: string;
      saleId: string;
      state: string;
      copy: boolean;
      slip: string;
    }
  | {
      kind: 'advice';
      at: string;
      advice: AdviceKind;
      clientRef: string;
      cashierId: string;
      status: 'pending';
    }
  | {
      kind: 'advice';
      at: string;
      advice: AdviceKind;
      clientRef: string;
      cashierId: string;
      /** acknowledged: a 2xx; final: a 4xx that will not change on a retry (the answer is kept). */
      status: 'acknowledged' | 'final';
      outcome: string;
    };

export interface PendingAdvice {
  advice: AdviceKind;
  clientRef: string;
  cashierId: string;
  since: string;
}

/** The terminal's paper roll and its to-do list of advices, over an append-only file. */
export class Journal {
  constructor(
    private readonly home: TerminalHome,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  printed(receipt: { clientRef: string; saleId: string; state: string }, slip: string, copy: boolean): void {
    this.write({ kind: 'receipt', at: this.now(), ...pick(receipt), copy, slip });
  }

  queue(advice: AdviceKind, clientRef: string, cashierId: string): void {
    this.write({ kind: 'advice', at: this.now(), advice, clientRef, cashierId, status: 'pending' });
  }

  settle(
    pending: Pick<PendingAdvice, 'advice' | 'clientRef' | 'cashierId'>,
    status: 'acknowledged' | 'final',
    outcome: string,
  ): void {
    this.write({ kind: 'advice', at: this.now(), ...pending, status, outcome });
  }

  /** Advices whose last line is `pending`, oldest first. */
  pending(): PendingAdvice[] {
    const open = new Map<string, PendingAdvice>();
    for (const record of this.records()) {
      if (record.kind !== 'advice') continue;
      const key = `${record.advice} ${record.clientRef}`;
      if (record.status === 'pending') {
        if (!open.has(key)) open.set(key, { ...record, since: record.at });
      } else {
        open.delete(key);
      }
    }
    return [...open.values()];
  }

  receipts(clientRef?: string): Extract<JournalRecord, { kind: 'receipt' }>[] {
    return this.records().filter(
      (r): r is Extract<JournalRecord, { kind: 'receipt' }> =>
        r.kind === 'receipt' && (clientRef === undefined || r.clientRef === clientRef),
    );
  }

  records(): JournalRecord[] {
    return this.home.journal().filter(isRecord);
  }

  private write(record: JournalRecord): void {
    this.home.append(record);
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

function pick(receipt: { clientRef: string; saleId: string; state: string }) {
  return { clientRef: receipt.clientRef, saleId: receipt.saleId, state: receipt.state };
}

function isRecord(value: unknown): value is JournalRecord {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return kind === 'receipt' || kind === 'advice';
}
