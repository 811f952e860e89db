import { Injectable } from '@nestjs/common';
import type { PostTransferRequest, TransferView } from '@tillpoint/contracts';
import { UnitOfWork, type MessageContext } from '@tillpoint/messaging';
import { available } from '../accounts/account.row';
import { watchFloat } from '../floats/float-watch';
import { JournalService } from './journal.service';
import { translatePgError } from './pg-errors';

/** A free-form balanced transfer between accounts (settlements, commission payouts, corrections). */
@Injectable()
export class TransfersService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly journal: JournalService,
  ) {}

  async post(request: PostTransferRequest, message?: MessageContext): Promise<TransferView> {
    try {
      return await this.work.run(
        async (tx) => {
          const accounts = await this.journal.lockAccounts(
            tx.manager,
            request.legs.map((leg) => leg.account),
          );
          const before = new Map([...accounts.values()].map((account) => [account.code, available(account)]));
          const { transfer, created } = await this.journal.post(
            tx.manager,
            { ...request, kind: 'transfer' },
            accounts,
          );
          if (created) {
            for (const account of accounts.values()) {
              await watchFloat(tx, account, before.get(account.code)!, available(account));
            }
          }
          return transfer;
        },
        { message },
      );
    } catch (error) {
      throw translatePgError(error);
    }
  }
}
