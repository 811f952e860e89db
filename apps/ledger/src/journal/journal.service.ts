import { Injectable } from '@nestjs/common';
import { DomainError, isDomainError, LedgerErrors, type Leg, type TransferView } from '@tillpoint/contracts';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ACCOUNT_COLUMNS, available, tracksBalance, type AccountRow } from '../accounts/account.row';

export interface TransferInput {
  transferId: string;
  /** What the transfer is for: `sale`, `topup`, `correction`, `refund`, `transfer`... */
  kind: string;
  legs: Leg[];
  memo?: string;
  /** More that must match for a retry to be the same request (who and why, for admin actions). */
  fingerprint?: string;
}

export interface Posted {
  transfer: TransferView;
  /** False when the id had been posted before with the same content: nothing new was written. */
  created: boolean;
}

/**
 * The double-entry core: every transfer's legs sum to zero per currency, are written once under the
 * caller's id, and never change. Floats are locked in code order (the order UnitOfWork.runShared gives its units), so concurrent
 * transfers and holds cannot deadlock.
 */
@Injectable()
export class JournalService {
  /**
   * Returns the accounts by code, refusing an unknown one. Floats are locked (in code order, as UnitOfWork.runShared orders its units): their row
   * holds the balance the debit guard reads. The others are only read: their balance is the sum of their
   * entries, so every sale of a currency does not queue on its commission or payable row. The lock is
   * `FOR NO KEY UPDATE`: it does not block the key-share locks of other transactions' entries.
   */
  async lockAccounts(manager: EntityManager, codes: string[]): Promise<Map<string, AccountRow>> {
    const byCode = await this.lockKnown(manager, codes);
    const missing = codes.filter((code) => !byCode.has(code));
    if (missing.length > 0)
      throw new DomainError(LedgerErrors.ACCOUNT_NOT_FOUND, `no account ${missing.join(', ')}`);
    return byCode;
  }

  /**
   * Posts a transfer, or returns the one already posted under its id with the same content (then
   * `created` is false). `accounts` must hold the legs' accounts, from lockAccounts; their rows are
   * updated in place to the posted balances.
   */
  async post(
    manager: EntityManager,
    input: TransferInput,
    accounts: Map<string, AccountRow>,
  ): Promise<Posted> {
    const hash = legsHash(input);
    const claimed = await manager.query<Array<{ created_at: Date }>>(
      `INSERT INTO transfers (id, kind, legs_hash, memo) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING
       RETURNING created_at`,
      [input.transferId, input.kind, hash, input.memo ?? null],
    );
    if (claimed.length === 0)
      return { transfer: await this.existing(manager, input.transferId, hash), created: false };
    const planned = plan(input, hash, accounts, claimed[0].created_at);
    await this.write(manager, [planned], false);
    return { transfer: planned.transfer, created: true };
  }

  /**
   * Posts many transfers in the caller's transaction with a handful of statements, whatever their number:
   * the accounts of all of them locked at once (floats in code order), the ids already posted read at once,
   * each transfer then checked in order against the balances the ones before it left (under the locks,
   * so the check is exact), and every accepted one written by one INSERT per table and one UPDATE of the
   * floats. A refusal (unknown account, unbalanced, not covered, a conflicting repeat) is that transfer's
   * outcome and changes nothing; the others go on. A database error throws for the whole batch.
   */
  async postMany(manager: EntityManager, inputs: TransferInput[]): Promise<BatchOutcome[]> {
    const accounts = await this.lockKnown(manager, [
      ...new Set(inputs.flatMap((input) => input.legs.map((leg) => leg.account))),
    ]);
    const ids = [...new Set(inputs.map((input) => input.transferId))];
    const stored = new Map(
      (
        await manager.query<Array<{ id: string; legs_hash: string }>>(
          'SELECT id, legs_hash FROM transfers WHERE id = ANY($1)',
          [ids],
        )
      ).map((row) => [row.id, row.legs_hash]),
    );
    const outcomes: BatchOutcome[] = [];
    const accepted: Planned[] = [];
    // The time every transfer of the batch is stored with, so that its first answer says what a repeat will.
    const at = new Date();
    const inBatch = new Map<string, { hash: string; transfer: TransferView }>();
    for (const input of inputs) {
      const hash = legsHash(input);
      try {
        const earlier = inBatch.get(input.transferId);
        if (earlier || stored.has(input.transferId)) {
          if ((earlier?.hash ?? stored.get(input.transferId)) !== hash) {
            throw new DomainError(
              LedgerErrors.IDEMPOTENCY_CONFLICT,
              `transfer ${input.transferId} was posted with other legs`,
            );
          }
          const transfer = earlier?.transfer ?? (await this.find(manager, input.transferId))!;
          outcomes.push({ transfer, created: false, available: floatsAvailable(input, accounts) });
          continue;
        }
        const missing = input.legs.map((leg) => leg.account).filter((code) => !accounts.has(code));
        if (missing.length > 0)
          throw new DomainError(LedgerErrors.ACCOUNT_NOT_FOUND, `no account ${missing.join(', ')}`);
        const planned = plan(input, hash, accounts, at);
        accepted.push(planned);
        inBatch.set(input.transferId, { hash, transfer: planned.transfer });
        outcomes.push({
          transfer: planned.transfer,
          created: true,
          available: floatsAvailable(input, accounts),
          crossings: planned.crossings,
        });
      } catch (error) {
        if (!isDomainError(error)) throw error;
        outcomes.push({ error });
      }
    }
    await this.write(manager, accepted, true);
    return outcomes;
  }

  /** The accounts of these codes that exist: floats locked in code order, the others read. */
  private async lockKnown(manager: EntityManager, codes: string[]): Promise<Map<string, AccountRow>> {
    const floats: AccountRow[] = await manager.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE code = ANY($1) AND kind = 'float' ORDER BY code FOR NO KEY UPDATE`,
      [codes],
    );
    const others: AccountRow[] = await manager.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE code = ANY($1) AND kind <> 'float'`,
      [codes],
    );
    return new Map([...floats, ...others].map((row) => [row.code, row]));
  }

  /**
   * Writes planned transfers: their rows (unless claimed already), their entries in order, and each
   * float's final balance, one statement each however many there are. The floats' CHECK backs the plan.
   */
  private async write(manager: EntityManager, planned: Planned[], withTransfers: boolean): Promise<void> {
    if (planned.length === 0) return;
    if (withTransfers) {
      await manager.query(
        `INSERT INTO transfers (id, kind, legs_hash, memo, created_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])`,
        [
          planned.map((p) => p.input.transferId),
          planned.map((p) => p.input.kind),
          planned.map((p) => p.hash),
          planned.map((p) => p.input.memo ?? null),
          planned.map((p) => p.transfer.at),
        ],
      );
    }
    const entries = planned.flatMap((p) => p.entries.map((entry) => ({ id: p.input.transferId, ...entry })));
    await manager.query(
      `INSERT INTO entries (transfer_id, account_id, amount, currency, balance_after)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::bigint[])`,
      [
        entries.map((e) => e.id),
        entries.map((e) => e.accountId),
        entries.map((e) => e.amount.toString()),
        entries.map((e) => e.currency),
        entries.map((e) => e.balanceAfter),
      ],
    );
    // The last balance each float reached is its balance now.
    const floats = new Map<string, string>();
    for (const entry of entries)
      if (entry.balanceAfter !== null) floats.set(entry.accountId, entry.balanceAfter);
    if (floats.size > 0) {
      await manager.query(
        `UPDATE accounts a SET balance = v.balance
           FROM unnest($1::bigint[], $2::bigint[]) AS v(id, balance) WHERE a.id = v.id`,
        [[...floats.keys()], [...floats.values()]],
      );
    }
  }

  /** The transfer posted under this id, if it was posted with this content; a conflict otherwise. */
  async same(manager: EntityManager, input: TransferInput): Promise<TransferView> {
    return this.existing(manager, input.transferId, legsHash(input));
  }

  /** A transfer as it was posted. */
  async find(manager: EntityManager, transferId: string): Promise<TransferView | undefined> {
    const lines = await manager.query<
      Array<{ kind: string; code: string; amount: string; currency: string; at: Date }>
    >(
      `SELECT t.kind, a.code, e.amount, e.currency, t.created_at AS at
         FROM transfers t JOIN entries e ON e.transfer_id = t.id JOIN accounts a ON a.id = e.account_id
        WHERE t.id = $1 ORDER BY e.id`,
      [transferId],
    );
    if (lines.length === 0) return undefined;
    return {
      transferId,
      kind: lines[0].kind,
      legs: lines.map((r) => ({ account: r.code, amount: r.amount, currency: r.currency })),
      at: lines[0].at.toISOString(),
    };
  }

  private async existing(manager: EntityManager, transferId: string, hash: string): Promise<TransferView> {
    const [row] = await manager.query<Array<{ legs_hash: string }>>(
      'SELECT legs_hash FROM transfers WHERE id = $1',
      [transferId],
    );
    if (row.legs_hash !== hash) {
      throw new DomainError(
        LedgerErrors.IDEMPOTENCY_CONFLICT,
        `transfer ${transferId} was posted with other legs`,
      );
    }
    return (await this.find(manager, transferId))!;
  }
}

/** One transfer's outcome in a batch: posted (or found posted before), or refused. */
export type BatchOutcome =
  | {
      transfer: TransferView;
      created: boolean;
      /** Each float leg's available balance once this transfer is posted. */
      available: Record<string, bigint>;
      /** Floats this transfer took from at or above their low threshold to below it. */
      crossings?: FloatCrossing[];
      error?: undefined;
    }
  | { error: DomainError; crossings?: undefined };

export interface FloatCrossing {
  account: AccountRow;
  before: bigint;
  after: bigint;
}

/** A transfer checked against the locked balances, ready to write. */
interface Planned {
  input: TransferInput;
  hash: string;
  entries: Array<{ accountId: string; amount: bigint; currency: string; balanceAfter: string | null }>;
  transfer: TransferView;
  crossings: FloatCrossing[];
}

/**
 * Checks a transfer against the accounts' rows (locked by the caller) and applies it to them in memory:
 * balanced per currency, each account once, every float debit covered (posted less held plus its credit
 * limit), every result within a bigint. Throws the refusal, leaving the rows as they were.
 */
function plan(input: TransferInput, hash: string, accounts: Map<string, AccountRow>, at: Date): Planned {
  checkBalanced(input.legs, accounts);
  const balances = new Map<string, bigint>();
  for (const leg of input.legs) {
    const account = accounts.get(leg.account)!;
    if (!tracksBalance(account.kind)) continue;
    const balance = BigInt(account.balance);
    const after = balance + leg.amount;
    if (after > MAX_BIGINT || after < -MAX_BIGINT - 1n) {
      throw new DomainError(
        LedgerErrors.AMOUNT_OUT_OF_RANGE,
        'the result would not fit a bigint of minor units',
      );
    }
    if (leg.amount < 0n && available(account, balance) < -leg.amount) {
      throw new DomainError(
        LedgerErrors.INSUFFICIENT_FUNDS,
        `${account.code} does not cover ${(-leg.amount).toString()}`,
      );
    }
    balances.set(account.code, after);
  }
  const crossings: FloatCrossing[] = [];
  for (const [code, after] of balances) {
    const account = accounts.get(code)!;
    const before = available(account);
    account.balance = after.toString();
    crossings.push({ account, before, after: available(account) });
  }
  const entries = input.legs.map((leg) => {
    const account = accounts.get(leg.account)!;
    return {
      accountId: account.id,
      amount: leg.amount,
      currency: account.currency,
      balanceAfter: balances.has(account.code) ? account.balance : null,
    };
  });
  const transfer = {
    transferId: input.transferId,
    kind: input.kind,
    legs: input.legs.map((leg) => ({
      account: leg.account,
      amount: leg.amount.toString(),
      currency: accounts.get(leg.account)!.currency,
    })),
    at: at.toISOString(),
  };
  return { input, hash, entries, transfer, crossings };
}

/** The available balance now of each float a transfer names. */
function floatsAvailable(input: TransferInput, accounts: Map<string, AccountRow>): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  for (const leg of input.legs) {
    const account = accounts.get(leg.account);
    if (account && tracksBalance(account.kind)) out[account.code] = available(account);
  }
  return out;
}

const MAX_BIGINT = 2n ** 63n - 1n;

function legsHash(input: TransferInput): string {
  const legs = input.legs.map((leg) => `${leg.account}=${leg.amount.toString()}`).sort();
  return createHash('sha256')
    .update([input.kind, input.fingerprint ?? '', ...legs].join('\n'))
    .digest('hex');
}

function checkBalanced(legs: Leg[], accounts: Map<string, AccountRow>): void {
  if (new Set(legs.map((leg) => leg.account)).size !== legs.length) {
    throw new DomainError(LedgerErrors.UNBALANCED, 'a transfer names each account once');
  }
  const sums = new Map<string, bigint>();
  for (const leg of legs) {
    const currency = accounts.get(leg.account)!.currency;
    sums.set(currency, (sums.get(currency) ?? 0n) + leg.amount);
  }
  const off = [...sums].filter(([, sum]) => sum !== 0n);
  if (off.length > 0) {
    throw new DomainError(
      LedgerErrors.UNBALANCED,
      `legs must sum to zero per currency: ${off.map(([c, s]) => `${c} ${s.toString()}`).join(', ')}`,
    );
  }
}
