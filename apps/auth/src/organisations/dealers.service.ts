import { Injectable } from '@nestjs/common';
import {
  AuthErrors,
  DealerCreated,
  DealerUpdated,
  DomainError,
  type CreateDealerRequest,
  type DealerRef,
  type DealerView,
  type ListDealersRequest,
  type UpdateDealerRequest,
} from '@tillpoint/contracts';
import { UnitOfWork } from '@tillpoint/messaging';
import { DataSource } from 'typeorm';
import { audit } from '../access/audit';
import { conflict, fingerprint, translatePgError } from '../access/fingerprint';
import { adminScope, dealerInScope, inScope, type DealerRow } from '../access/scope';

const COLUMNS = 'id, parent_id, path, name, currency, time_zone, email';

export function dealerView(row: DealerRow): DealerView {
  return {
    id: row.id,
    ...(row.parent_id ? { parentId: row.parent_id } : {}),
    path: row.path,
    name: row.name,
    currency: row.currency.trim(),
    timeZone: row.time_zone,
    ...(row.email ? { email: row.email } : {}),
  };
}

/** The dealer tree: a platform admin creates tops and anything below; a dealer-admin only below its own. */
@Injectable()
export class DealersService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly dataSource: DataSource,
  ) {}

  async create({ principal, dealer }: CreateDealerRequest): Promise<DealerView> {
    const print = fingerprint(dealer);
    try {
      return await this.work.run(async (tx) => {
        const parent = dealer.parentId
          ? await dealerInScope(tx.manager, principal, dealer.parentId)
          : undefined;
        if (!parent && adminScope(principal) !== null)
          throw new DomainError(AuthErrors.FORBIDDEN, 'not allowed');
        const [existing] = await tx.manager.query<Array<DealerRow & { fingerprint: string }>>(
          `SELECT ${COLUMNS}, fingerprint FROM dealers WHERE id = $1`,
          [dealer.id],
        );
        if (existing) {
          if (existing.fingerprint !== print) throw conflict('dealer');
          return dealerView(existing);
        }
        const path = [...(parent?.path ?? []), dealer.id];
        if (path.length > 16) throw new DomainError(AuthErrors.INVALID_REFERENCE, 'the tree is too deep');
        const [row] = await tx.manager.query<DealerRow[]>(
          `INSERT INTO dealers (id, parent_id, path, name, currency, time_zone, email, fingerprint)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
          [
            dealer.id,
            parent?.id ?? null,
            path,
            dealer.name,
            dealer.currency,
            dealer.timeZone,
            dealer.email ?? null,
            print,
          ],
        );
        const view = dealerView(row);
        await tx.publish(DealerCreated, { dealer: view });
        await audit(tx.manager, principal, 'dealer.create', dealer.id, { parentId: parent?.id });
        return view;
      });
    } catch (error) {
      throw translatePgError(error);
    }
  }

  /** Only what the request names changes; the event carries the whole profile as it now is. */
  async update({ principal, dealerId, changes }: UpdateDealerRequest): Promise<DealerView> {
    return this.work.run(async (tx) => {
      const before = await dealerInScope(tx.manager, principal, dealerId, true);
      const after: DealerRow = {
        ...before,
        name: changes.name ?? before.name,
        time_zone: changes.timeZone ?? before.time_zone,
        email: changes.email ?? before.email,
      };
      const view = dealerView(after);
      if (JSON.stringify(view) === JSON.stringify(dealerView(before))) return view;
      await tx.manager.query('UPDATE dealers SET name = $2, time_zone = $3, email = $4 WHERE id = $1', [
        dealerId,
        after.name,
        after.time_zone,
        after.email,
      ]);
      await tx.publish(DealerUpdated, { dealer: view });
      await audit(tx.manager, principal, 'dealer.update', dealerId, { ...changes });
      return view;
    });
  }

  async get({ principal, dealerId }: DealerRef): Promise<DealerView> {
    return dealerView(await dealerInScope(this.dataSource.manager, principal, dealerId));
  }

  /** Only the principal's subtree (everything for a platform admin), in pages ordered by id. */
  async list({ principal, after, limit }: ListDealersRequest): Promise<DealerView[]> {
    const rows = await this.dataSource.query<DealerRow[]>(
      `SELECT ${COLUMNS} FROM dealers WHERE ${inScope('path', '$1')} AND id > $2 ORDER BY id LIMIT $3`,
      [adminScope(principal), after ?? '', limit ?? 100],
    );
    return rows.map(dealerView);
  }
}
