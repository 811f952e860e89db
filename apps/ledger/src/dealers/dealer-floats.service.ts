import { Injectable } from '@nestjs/common';
import type { DealerProfile } from '@tillpoint/contracts';
import { UnitOfWork, type MessageContext } from '@tillpoint/messaging';
import { AccountsService } from '../accounts/accounts.service';

/**
 * Every dealer auth registers gets its float here, with its place in the dealer tree for scoped reads.
 * Opening is idempotent, so a float an admin opened first (a top-up racing the event) only gains its path.
 */
@Injectable()
export class DealerFloatsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly accounts: AccountsService,
  ) {}

  apply(dealer: DealerProfile, message: MessageContext): Promise<void> {
    return this.work.run(
      async ({ manager }) => {
        await this.accounts.ensure(manager, 'funding', dealer.currency);
        await this.accounts.ensure(manager, 'commission', dealer.currency);
        // A float opened in another currency is refused by ensure (ACCOUNT_CONFLICT): dead-lettered with why.
        const row = await this.accounts.ensure(manager, 'float', dealer.currency, dealer.id);
        await manager.query('UPDATE accounts SET owner_path = $2 WHERE id = $1', [row.id, dealer.path]);
      },
      { message },
    );
  }
}
