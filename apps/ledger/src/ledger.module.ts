import { Module } from '@nestjs/common';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsService } from './accounts/accounts.service';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { DealerFloatsService } from './dealers/dealer-floats.service';
import { DealersController } from './dealers/dealers.controller';
import { FloatsController } from './floats/floats.controller';
import { FloatsService } from './floats/floats.service';
import { HoldExpiryService } from './holds/hold-expiry.service';
import { HoldsController } from './holds/holds.controller';
import { HoldsService } from './holds/holds.service';
import { JournalService } from './journal/journal.service';
import { TransfersController } from './journal/transfers.controller';
import { TransfersService } from './journal/transfers.service';
import { StatementsController } from './statements/statements.controller';
import { StatementsService } from './statements/statements.service';

/** Accounts, the journal, holds, floats, statements and the audit: the ledger's features. */
@Module({
  controllers: [
    AccountsController,
    TransfersController,
    HoldsController,
    FloatsController,
    StatementsController,
    AuditController,
    DealersController,
  ],
  providers: [
    AccountsService,
    JournalService,
    TransfersService,
    HoldsService,
    HoldExpiryService,
    FloatsService,
    StatementsService,
    AuditService,
    DealerFloatsService,
  ],
  exports: [AccountsService, HoldsService, FloatsService, TransfersService, AuditService, StatementsService],
})
export class LedgerModule {}
