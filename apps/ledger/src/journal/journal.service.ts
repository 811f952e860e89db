import { Injectable } from '@nestjs/common';
import { DomainError, LedgerErrors, type Leg, type TransferView } from '@tillpoint/contracts';
import { createHash } from 'node:crypto';
import { rows } from '@tillpoint/runtime';
import type { EntityManager } from 'typeorm';
import { ACCOUNT_COLUMNS, tracksBalance, type AccountRow } from '../accounts/account.row';

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
 * caller's id, and never change. Accounts are locked in id order, so concurrent transfers cannot deadlock.
 */
@Injectable()
export class JournalService {
  /**
   * Returns the accounts by code, refusing an unknown one. Floats are locked (in id order): their row
   * holds the balance the debit guard reads. The others are only read: their balance is the sum of their
   * entries, so every sale of a currency does not queue on its commission or payable row.
   */
  async lockAccounts(manager: EntityManager, codes: string[]): Promise<Map<string, AccountRow>> {
    const floats: AccountRow[] = await manager.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE code = ANY($1) AND kind = 'float' ORDER BY id FOR UPDATE`,
      [codes],
    );
    const others: AccountRow[] = await manager.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE code = ANY($1) AND kind <> 'float'`,
      [codes],
    );
    const byCode = new Map([...floats, ...others].map((row) => [row.code, row]));
    const missing = codes.filter((code) => !byCode.has(code));
    if (missing.length > 0)
      throw new DomainError(LedgerErrors.ACCOUNT_NOT_FOUND, `no account ${missing.join(', ')}`);
    return byCode;
  }

  /**
   * Posts a transfer, or returns the one already posted under its id with the same content (then
   * `created` is false). `accounts` must hold the legs' accounts, from lockAccounts.
   */
  async post(
    manager: EntityManager,
    input: TransferInput,
    accounts: Map<string, AccountRow>,
  ): Promise<Posted> {
    const hash = legsHash(input);
    const claimed: unknown[] = await manager.query(
      'INSERT INTO transfers (id, kind, legs_hash, memo) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id',
      [input.transferId, input.kind, hash, input.memo ?? null],
    );
    if (claimed.length === 0)
      return { transfer: await this.existing(manager, input.transferId, hash), created: false };
    checkBalanced(input.legs, accounts);
    for (const leg of input.legs) {
      const account = accounts.get(leg.account)!;
      let balanceAfter: string | null = null;
      if (tracksBalance(account.kind)) {
        // A debit is guarded in the UPDATE itself (the row is locked); the table's CHECK backs it up.
        const [updated] = await rows<{ balance: string }>(
          manager,
          `UPDATE accounts SET balance = balance + $2::bigint
            WHERE id = $1 AND ($2::bigint >= 0 OR balance - held >= -$2::bigint - credit_limit) RETURNING balance`,
          [account.id, leg.amount.toString()],
        );
        if (!updated) {
          throw new DomainError(
            LedgerErrors.INSUFFICIENT_FUNDS,
            `${account.code} does not cover ${(-leg.amount).toString()}`,
          );
        }
        balanceAfter = updated.balance;
        account.balance = updated.balance;
      }
      await manager.query(
        'INSERT INTO entries (transfer_id, account_id, amount, currency, balance_after) VALUES ($1, $2, $3, $4, $5)',
        [input.transferId, account.id, leg.amount.toString(), account.currency, balanceAfter],
      );
    }
    const transfer = {
      transferId: input.transferId,
      kind: input.kind,
      legs: input.legs.map((leg) => ({
        account: leg.account,
        amount: leg.amount.toString(),
        currency: accounts.get(leg.account)!.currency,
      })),
      at: new Date().toISOString(),
    };
    return { transfer, created: true };
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
