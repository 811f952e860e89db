import { Injectable } from '@nestjs/common';
import {
  DomainError,
  LedgerErrors,
  MAX_MINOR_UNITS,
  type GetStatementRequest,
  type StatementPage,
} from '@tillpoint/contracts';
import { DataSource } from 'typeorm';
import { assertVisible } from '../accounts/account-scope';

const DEFAULT_PAGE = 100;

interface LineRow {
  id: string;
  transfer_id: string;
  kind: string;
  amount: string;
  balance_after: string;
  at: Date;
  memo: string | null;
}

/** An account's entries, oldest first, each with the balance it left, a page at a time. */
@Injectable()
export class StatementsService {
  constructor(private readonly dataSource: DataSource) {}

  async page(request: GetStatementRequest): Promise<StatementPage> {
    await assertVisible(this.dataSource.manager, request.account, request.principal);
    const [account] = await this.dataSource.query<Array<{ id: string; currency: string }>>(
      'SELECT id, currency FROM accounts WHERE code = $1',
      [request.account],
    );
    if (!account) throw new DomainError(LedgerErrors.ACCOUNT_NOT_FOUND, `no account ${request.account}`);
    const limit = request.limit ?? DEFAULT_PAGE;
    const after = BigInt(request.after ?? '0');
    if (after > MAX_MINOR_UNITS)
      return { account: request.account, currency: account.currency, lines: [], next: null };
    // The page first (one line more, to know if there is a next page), then the running balance: what the
    // entries before the page add up to, plus the page's own running sum.
    const rows = await this.dataSource.query<LineRow[]>(
      `SELECT p.*,
              ((SELECT COALESCE(SUM(amount), 0) FROM entries WHERE account_id = $1 AND id <= $2)
                + SUM(p.amount) OVER (ORDER BY p.id))::text AS balance_after
         FROM (SELECT e.id, e.transfer_id, t.kind, e.amount, t.memo, e.created_at AS at
                 FROM entries e JOIN transfers t ON t.id = e.transfer_id
                WHERE e.account_id = $1 AND e.id > $2 ORDER BY e.id LIMIT $3) p
        ORDER BY p.id`,
      [account.id, after.toString(), limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      account: request.account,
      currency: account.currency,
      lines: page.map((r) => ({
        entryId: r.id,
        transferId: r.transfer_id,
        kind: r.kind,
        amount: r.amount,
        balanceAfter: r.balance_after,
        at: r.at.toISOString(),
        memo: r.memo,
      })),
      next: rows.length > limit ? page[page.length - 1].id : null,
    };
  }
}
