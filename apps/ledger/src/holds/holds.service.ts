import { Injectable } from '@nestjs/common';
import {
  DomainError,
  LedgerErrors,
  type CaptureHoldRequest,
  type CreateHoldRequest,
  type HoldStatus,
  type HoldView,
  type VoidHoldRequest,
} from '@tillpoint/contracts';
import { UnitOfWork, type MessageContext } from '@tillpoint/messaging';
import { rows } from '@tillpoint/runtime';
import type { EntityManager } from 'typeorm';
import { ACCOUNT_COLUMNS, available, type AccountRow } from '../accounts/account.row';
import { watchFloat } from '../floats/float-watch';
import { JournalService } from '../journal/journal.service';
import { translatePgError } from '../journal/pg-errors';
import { HOLD_COLUMNS, holdView, type HoldRow } from './hold.row';

const DEFAULT_TTL_MS = 60_000;

/**
 * Reserves part of a dealer's float for a sale in progress. The reservation is one guarded UPDATE of the
 * float's `held`: the row lock serialises concurrent holds and the table's CHECK refuses any that would
 * take the float below its limit, so no interleaving can overdraw it.
 */
@Injectable()
export class HoldsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly journal: JournalService,
  ) {}

  async create(request: CreateHoldRequest): Promise<HoldView> {
    return this.guard(() =>
      this.work.runShared(
        async (tx) => {
          // The id first: a concurrent create of the same id waits here, then finds the first one.
          const ttl = request.ttlMs ?? DEFAULT_TTL_MS;
          const [claimed] = await tx.manager.query<Array<Omit<HoldRow, 'code'>>>(
            `INSERT INTO holds (id, account_id, amount, status, expires_at)
             SELECT $1, id, $3, 'open', now() + $4 * interval '1 millisecond' FROM accounts WHERE code = $2 AND kind = 'float'
             ON CONFLICT (id) DO NOTHING RETURNING id, account_id, amount, status, expires_at, transfer_id`,
            [request.holdId, request.account, request.amount.toString(), ttl],
          );
          if (!claimed) {
            const existing = await this.find(tx.manager, request.holdId);
            if (existing) return this.repeat(tx.manager, existing, request);
            throw new DomainError(LedgerErrors.ACCOUNT_NOT_FOUND, `no float ${request.account}`);
          }
          // Guarded in the UPDATE itself (written so it cannot overflow): the row lock serialises
          // concurrent holds on one float.
          const [account] = await rows<AccountRow>(
            tx.manager,
            `UPDATE accounts SET held = held + $2::bigint
              WHERE code = $1 AND balance - held >= $2::bigint - credit_limit
              RETURNING ${ACCOUNT_COLUMNS}`,
            [request.account, request.amount.toString()],
          );
          if (!account) {
            throw new DomainError(
              LedgerErrors.INSUFFICIENT_FUNDS,
              `${request.account} does not cover this hold`,
            );
          }
          const after = available(account);
          await watchFloat(tx, account, after + request.amount, after);
          return holdView({ ...claimed, code: account.code }, after);
        },
        { lockOrder: request.account },
      ),
    );
  }

  /** Turns the hold into a posted transfer; the float's leg may take up to the amount held. */
  async capture(request: CaptureHoldRequest): Promise<HoldView> {
    return this.guard(() =>
      this.work.runShared(
        async (tx) => {
          const hold = await this.lockOpen(tx.manager, request.holdId, request.transferId);
          const input = { transferId: request.transferId, kind: 'capture', legs: request.legs };
          if (hold.status === 'captured') {
            // A retry of this very capture: the same legs get the first answer, other legs a conflict.
            return this.view(tx.manager, hold, await this.journal.same(tx.manager, input));
          }
          const floatLeg = request.legs.find((leg) => leg.account === hold.code);
          if (!floatLeg || floatLeg.amount > 0n || -floatLeg.amount > BigInt(hold.amount)) {
            throw new DomainError(
              LedgerErrors.CAPTURE_EXCEEDS_HOLD,
              `the capture must debit ${hold.code} by at most the ${hold.amount} held`,
            );
          }
          const accounts = await this.journal.lockAccounts(
            tx.manager,
            request.legs.map((leg) => leg.account),
          );
          const float = accounts.get(hold.code)!;
          const before = available(float);
          // The held amount goes back first, so the debit it reserved for can be posted against it.
          await this.releaseHeld(tx.manager, hold, float);
          const { transfer, created } = await this.journal.post(tx.manager, input, accounts);
          if (!created) {
            // The id belongs to a transfer posted before: capturing on it would deliver a sale nobody paid for.
            throw new DomainError(
              LedgerErrors.IDEMPOTENCY_CONFLICT,
              `transfer ${request.transferId} was already posted`,
            );
          }
          await this.close(tx.manager, hold.id, 'captured', request.transferId);
          // `float` already carries the released hold and the posted debit: no need to read it back.
          const after = available(float);
          await watchFloat(tx, float, before, after);
          return holdView({ ...hold, status: 'captured', transfer_id: request.transferId }, after, transfer);
        },
        // The float the capture debits: its leg is the one that takes money out.
        { lockOrder: request.legs.find((leg) => leg.amount < 0n)?.account },
      ),
    );
  }

  async void(request: VoidHoldRequest, message?: MessageContext): Promise<HoldView> {
    return this.guard(() =>
      this.work.run(
        async ({ manager }) => {
          const hold = await this.lockHold(manager, request.holdId);
          if (hold.status === 'voided' || hold.status === 'expired') return this.view(manager, hold);
          if (hold.status === 'captured') {
            throw new DomainError(LedgerErrors.HOLD_NOT_OPEN, `hold ${hold.id} was captured`);
          }
          await this.release(manager, hold, 'voided');
          return this.view(manager, { ...hold, status: 'voided' });
        },
        { message },
      ),
    );
  }

  /** Voids the open holds past their deadline; returns how many. Safe to run on every instance at once. */
  async expire(batch = 500): Promise<number> {
    return this.work.run(async ({ manager }) => {
      const due = await manager.query<HoldRow[]>(
        `SELECT ${HOLD_COLUMNS} FROM holds h JOIN accounts a ON a.id = h.account_id
          WHERE h.status = 'open' AND h.expires_at <= now()
          ORDER BY h.account_id LIMIT $1 FOR UPDATE OF h SKIP LOCKED`,
        [batch],
      );
      for (const hold of due) await this.release(manager, hold, 'expired');
      return due.length;
    });
  }

  /** Closes a hold and gives its amount back to the float's available balance. */
  private async release(manager: EntityManager, hold: HoldRow, status: 'voided' | 'expired'): Promise<void> {
    await this.releaseHeld(manager, hold);
    await this.close(manager, hold.id, status);
  }

  private async releaseHeld(manager: EntityManager, hold: HoldRow, float?: AccountRow): Promise<void> {
    const [row] = await rows<{ held: string }>(
      manager,
      'UPDATE accounts SET held = held - $2 WHERE id = $1 RETURNING held',
      [hold.account_id, hold.amount],
    );
    if (float) float.held = row.held;
  }

  private async close(
    manager: EntityManager,
    holdId: string,
    status: HoldStatus,
    transferId?: string,
  ): Promise<void> {
    await manager.query('UPDATE holds SET status = $2, closed_at = now(), transfer_id = $3 WHERE id = $1', [
      holdId,
      status,
      transferId ?? null,
    ]);
  }

  private async lockOpen(manager: EntityManager, holdId: string, transferId: string): Promise<HoldRow> {
    const hold = await this.lockHold(manager, holdId);
    if (hold.status === 'captured' && hold.transfer_id === transferId) return hold;
    if (hold.status === 'open' && hold.expires_at.getTime() <= Date.now()) {
      await this.release(manager, hold, 'expired');
      throw new DomainError(LedgerErrors.HOLD_NOT_OPEN, `hold ${holdId} expired`);
    }
    if (hold.status !== 'open')
      throw new DomainError(LedgerErrors.HOLD_NOT_OPEN, `hold ${holdId} is ${hold.status}`);
    return hold;
  }

  private async lockHold(manager: EntityManager, holdId: string): Promise<HoldRow> {
    const [hold] = await manager.query<HoldRow[]>(
      `SELECT ${HOLD_COLUMNS} FROM holds h JOIN accounts a ON a.id = h.account_id WHERE h.id = $1 FOR UPDATE OF h`,
      [holdId],
    );
    if (!hold) throw new DomainError(LedgerErrors.HOLD_NOT_FOUND, `no hold ${holdId}`);
    return hold;
  }

  private async find(manager: EntityManager, holdId: string): Promise<HoldRow | undefined> {
    const [hold] = await manager.query<HoldRow[]>(
      `SELECT ${HOLD_COLUMNS} FROM holds h JOIN accounts a ON a.id = h.account_id WHERE h.id = $1`,
      [holdId],
    );
    return hold;
  }

  /** The same hold id again: the first answer if it asked the same, a conflict if not. */
  private async repeat(manager: EntityManager, hold: HoldRow, request: CreateHoldRequest): Promise<HoldView> {
    if (hold.code !== request.account || BigInt(hold.amount) !== request.amount) {
      throw new DomainError(
        LedgerErrors.IDEMPOTENCY_CONFLICT,
        `hold ${hold.id} was made for another amount or float`,
      );
    }
    return this.view(manager, hold);
  }

  private async view(
    manager: EntityManager,
    hold: HoldRow,
    transfer?: HoldView['transfer'],
  ): Promise<HoldView> {
    const [account] = await manager.query<AccountRow[]>(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = $1`,
      [hold.account_id],
    );
    const posted =
      transfer ?? (hold.transfer_id ? await this.journal.find(manager, hold.transfer_id) : undefined);
    return holdView(hold, available(account), posted);
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw translatePgError(error);
    }
  }
}
