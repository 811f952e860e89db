import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import type { CashierView, CreateCashierRequest, DealerRef } from '@tillpoint/contracts';
import { UnitOfWork } from '@tillpoint/messaging';
import { DataSource } from 'typeorm';
import { audit } from '../access/audit';
import { conflict, translatePgError } from '../access/fingerprint';
import { dealerInScope } from '../access/scope';

interface CashierRow {
  id: string;
  dealer_id: string;
  pin_hash: string;
  locked_until: Date | null;
}

const view = (row: CashierRow): CashierView => ({
  id: row.id,
  dealerId: row.dealer_id,
  ...(row.locked_until && row.locked_until.getTime() > Date.now()
    ? { lockedUntil: row.locked_until.toISOString() }
    : {}),
});

/** A dealer's cashiers; each may log in on any of the dealer's terminals. Only a slow hash of the PIN is kept. */
@Injectable()
export class CashiersService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly dataSource: DataSource,
  ) {}

  /** A retry with the same dealer and PIN is the same answer (the PIN is compared with its hash, never stored). */
  async create({ principal, dealerId, cashier }: CreateCashierRequest): Promise<CashierView> {
    try {
      return await this.work.run(async (tx) => {
        await dealerInScope(tx.manager, principal, dealerId);
        const [existing] = await tx.manager.query<CashierRow[]>(
          'SELECT id, dealer_id, pin_hash, locked_until FROM cashiers WHERE id = $1',
          [cashier.id],
        );
        if (existing) {
          const same =
            existing.dealer_id === dealerId &&
            (await verify(existing.pin_hash, cashier.pin).catch(() => false));
          if (!same) throw conflict('cashier');
          return view(existing);
        }
        const [row] = await tx.manager.query<CashierRow[]>(
          'INSERT INTO cashiers (id, dealer_id, pin_hash) VALUES ($1, $2, $3) RETURNING id, dealer_id, pin_hash, locked_until',
          [cashier.id, dealerId, await hash(cashier.pin)],
        );
        await audit(tx.manager, principal, 'cashier.create', cashier.id, { dealerId });
        return view(row);
      });
    } catch (error) {
      throw translatePgError(error);
    }
  }

  async list({ principal, dealerId }: DealerRef): Promise<CashierView[]> {
    await dealerInScope(this.dataSource.manager, principal, dealerId);
    const rows = await this.dataSource.query<CashierRow[]>(
      'SELECT id, dealer_id, pin_hash, locked_until FROM cashiers WHERE dealer_id = $1 ORDER BY id',
      [dealerId],
    );
    return rows.map(view);
  }
}
