import { Injectable } from '@nestjs/common';
import type { PostTransferRequest, TransferView } from '@tillpoint/contracts';
import { UnitOfWork, type MessageContext } from '@tillpoint/messaging';
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
        async ({ manager }) => {
          const accounts = await this.journal.lockAccounts(
            manager,
            request.legs.map((leg) => leg.account),
          );
          return this.journal.post(manager, { ...request, kind: 'transfer' }, accounts);
        },
        { message },
      );
    } catch (error) {
      throw translatePgError(error);
    }
  }
}
