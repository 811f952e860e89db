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
}

/**
 * The double-entry core: every transfer's legs sum to zero per currency, are written once under the
 * caller's id, and never change. Accounts are locked in id order, so concurrent transfers cannot deadlock.
 */
@Injectable()
export class JournalService {
  /** Locks and returns the accounts by code; refuses an unknown one. */
  async lockAccounts(manager: EntityManager, codes: string[]): Promise<Map<string, AccountRow>> {
    const locked: AccountRow[] = await manager.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE code = ANY($1) ORDER BY id FOR UPDATE`,
      [codes],
    );
    const byCode = new Map(locked.map((row) => [row.code, row]));
    const missing = codes.filter((code) => !byCode.has(code));
    if (missing.length > 0)
      throw new DomainError(LedgerErrors.ACCOUNT_NOT_FOUND, `no account ${missing.join(', ')}`);
    return byCode;
  }

  /**
   * Posts a transfer, or returns the one already posted under its id with the same legs. `accounts` must
   * hold the legs' accounts, locked by the caller (see lockAccounts).
   */
  async post(
    manager: EntityManager,
    input: TransferInput,
    accounts: Map<string, AccountRow>,
  ): Promise<TransferView> {
    const hash = legsHash(input);
    const claimed: unknown[] = await manager.query(
      'INSERT INTO transfers (id, kind, legs_hash, memo) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id',
      [input.transferId, input.kind, hash, input.memo ?? null],
    );
    if (claimed.length === 0) return this.existing(manager, input.transferId, hash);
    checkBalanced(input.legs, accounts);
    for (const leg of input.legs) {
      const account = accounts.get(leg.account)!;
      let balanceAfter: string | null = null;
      if (tracksBalance(account.kind)) {
        // A debit is guarded in the UPDATE itself (the row is locked); the table's CHECK backs it up.
        const [updated] = await rows<{ balance: string }>(
          manager,
          `UPDATE accounts SET balance = balance + $2::bigint
            WHERE id = $1 AND ($2::bigint >= 0 OR balance + $2::bigint - held + credit_limit >= 0) RETURNING balance`,
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
    return {
      transferId: input.transferId,
      kind: input.kind,
      legs: input.legs.map((leg) => ({
        account: leg.account,
        amount: leg.amount.toString(),
        currency: accounts.get(leg.account)!.currency,
      })),
      at: new Date().toISOString(),
    };
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
    .update([input.kind, ...legs].join('\n'))
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
