import { Injectable } from '@nestjs/common';
import {
  accountCode,
  DomainError,
  LedgerErrors,
  type AccountKind,
  type AccountView,
  type ConfigureAccountRequest,
  type OpenAccountRequest,
  type Principal,
} from '@tillpoint/contracts';
import { UnitOfWork, type MessageContext } from '@tillpoint/messaging';
import { rows } from '@tillpoint/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import { translatePgError } from '../journal/pg-errors';
import { assertVisible } from './account-scope';
import { ACCOUNT_COLUMNS, toView, tracksBalance, type AccountRow } from './account.row';

@Injectable()
export class AccountsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly dataSource: DataSource,
  ) {}

  /** Opens an account, or returns the one that has its code; a float also gets its currency's platform accounts. */
  open(request: OpenAccountRequest, message?: MessageContext): Promise<AccountView> {
    const needsOwner = request.kind === 'float' || request.kind === 'payable';
    if (needsOwner !== (request.owner !== undefined)) {
      return Promise.reject(
        new DomainError(
          LedgerErrors.ACCOUNT_CONFLICT,
          `${request.kind} accounts ${needsOwner ? 'need' : 'take no'} owner`,
        ),
      );
    }
    return this.work.run(
      async ({ manager }) => {
        if (request.kind === 'float') {
          await this.ensure(manager, 'funding', request.currency);
          await this.ensure(manager, 'commission', request.currency);
        }
        const row = await this.ensure(manager, request.kind, request.currency, request.owner, request);
        return toView(row, await this.posted(manager, row));
      },
      { message },
    );
  }

  /** Lowering a float's credit limit below what it already uses is refused as insufficient funds. */
  configure(request: ConfigureAccountRequest, message?: MessageContext): Promise<AccountView> {
    return this.work
      .run(
        async ({ manager }) => {
          const [row] = await rows<AccountRow>(
            manager,
            `UPDATE accounts SET credit_limit = COALESCE($2, credit_limit), low_float_threshold = COALESCE($3, low_float_threshold)
          WHERE code = $1 RETURNING ${ACCOUNT_COLUMNS}`,
            [
              request.account,
              request.creditLimit?.toString() ?? null,
              request.lowFloatThreshold?.toString() ?? null,
            ],
          );
          if (!row) throw new DomainError(LedgerErrors.ACCOUNT_NOT_FOUND, `no account ${request.account}`);
          await manager.query(
            `INSERT INTO audit_log (actor, action, subject, details) VALUES ($1, 'account.configure', $2, $3)`,
            [
              request.actor,
              request.account,
              JSON.stringify({ creditLimit: row.credit_limit, lowFloatThreshold: row.low_float_threshold }),
            ],
          );
          return toView(row, await this.posted(manager, row));
        },
        { message },
      )
      .catch((error: unknown) => {
        throw translatePgError(error);
      });
  }

  async balance(
    code: string,
    principal?: Principal,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AccountView> {
    await assertVisible(manager, code, principal);
    const [row] = await manager.query<AccountRow[]>(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE code = $1`,
      [code],
    );
    if (!row) throw new DomainError(LedgerErrors.ACCOUNT_NOT_FOUND, `no account ${code}`);
    return toView(row, await this.posted(manager, row));
  }

  /** The posted balance: kept on the row for floats, the sum of the entries for the rest. */
  async posted(manager: EntityManager, row: AccountRow): Promise<bigint> {
    if (tracksBalance(row.kind)) return BigInt(row.balance);
    const [sum] = await manager.query<Array<{ total: string }>>(
      'SELECT COALESCE(SUM(amount), 0)::text AS total FROM entries WHERE account_id = $1',
      [row.id],
    );
    return BigInt(sum.total);
  }

  /** Creates the account if its code is new; an existing code must agree on currency. */
  async ensure(
    manager: EntityManager,
    kind: AccountKind,
    currency: string,
    owner?: string,
    settings: { creditLimit?: bigint; lowFloatThreshold?: bigint } = {},
  ): Promise<AccountRow> {
    const code = accountCode(kind, currency, owner);
    await manager.query(
      `INSERT INTO accounts (code, kind, owner, currency, credit_limit, low_float_threshold)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING`,
      [
        code,
        kind,
        owner ?? null,
        currency,
        (settings.creditLimit ?? 0n).toString(),
        settings.lowFloatThreshold?.toString() ?? null,
      ],
    );
    const [row] = await manager.query<AccountRow[]>(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE code = $1`,
      [code],
    );
    if (row.currency !== currency) {
      throw new DomainError(
        LedgerErrors.ACCOUNT_CONFLICT,
        `${code} is held in ${row.currency}, not ${currency}`,
      );
    }
    return row;
  }
}
