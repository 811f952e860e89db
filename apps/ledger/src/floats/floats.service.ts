import { Injectable } from '@nestjs/common';
import {
  accountCode,
  DomainError,
  FloatCredited,
  LedgerErrors,
  type CorrectFloatRequest,
  type TopUpFloatRequest,
  type TransferView,
} from '@tillpoint/contracts';
import { UnitOfWork, type MessageContext } from '@tillpoint/messaging';
import { available } from '../accounts/account.row';
import { JournalService } from '../journal/journal.service';
import { translatePgError } from '../journal/pg-errors';
import { watchFloat } from './float-watch';

/** Money into (or, by correction, out of) a dealer's float, from the platform's funding account. */
@Injectable()
export class FloatsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly journal: JournalService,
  ) {}

  topUp(request: TopUpFloatRequest, message?: MessageContext): Promise<TransferView> {
    return this.move(request, 'topup', message);
  }

  correct(request: CorrectFloatRequest, message?: MessageContext): Promise<TransferView> {
    return this.move(request, 'correction', message);
  }

  private async move(
    request: TopUpFloatRequest | CorrectFloatRequest,
    kind: 'topup' | 'correction',
    message?: MessageContext,
  ): Promise<TransferView> {
    try {
      return await this.work.run(
        async (tx) => {
          const [found] = await tx.manager.query<Array<{ currency: string }>>(
            `SELECT currency FROM accounts WHERE code = $1 AND kind = 'float'`,
            [request.account],
          );
          if (!found) throw new DomainError(LedgerErrors.ACCOUNT_NOT_FOUND, `no float ${request.account}`);
          const funding = accountCode('funding', found.currency);
          const accounts = await this.journal.lockAccounts(tx.manager, [request.account, funding]);
          const float = accounts.get(request.account)!;
          const before = available(float);
          const legs = [
            { account: request.account, amount: request.amount },
            { account: funding, amount: -request.amount },
          ];
          const { transfer, created } = await this.journal.post(
            tx.manager,
            // Who and why are part of the request: the same id from another admin or reason is a conflict.
            {
              transferId: request.transferId,
              kind,
              legs,
              memo: request.reason,
              fingerprint: `${request.actor}\n${request.reason}`,
            },
            accounts,
          );
          if (!created) return transfer;
          await tx.manager.query(
            'INSERT INTO audit_log (actor, action, subject, details) VALUES ($1, $2, $3, $4)',
            [
              request.actor,
              `float.${kind}`,
              request.account,
              JSON.stringify({
                transferId: request.transferId,
                amount: request.amount.toString(),
                reason: request.reason,
              }),
            ],
          );
          const after = available(float);
          if (request.amount > 0n && after !== before) {
            await tx.publish(FloatCredited, {
              account: float.code,
              dealer: float.owner ?? '',
              currency: float.currency,
              amount: request.amount.toString(),
              posted: float.balance,
              available: after.toString(),
              transferId: request.transferId,
            });
          }
          await watchFloat(tx, float, before, after);
          return transfer;
        },
        { message },
      );
    } catch (error) {
      throw translatePgError(error);
    }
  }
}
