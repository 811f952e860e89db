import { Module, type DynamicModule } from '@nestjs/common';
import { DealerCreated, DealerUpdated, LEDGER_COMMANDS } from '@tillpoint/contracts';
import { serviceImports } from '@tillpoint/messaging';
import type { ServiceConfig } from '@tillpoint/runtime';
import { LedgerModule } from './ledger.module';
import { migrations } from './migrations';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceImports(config, {
          contracts: [...LEDGER_COMMANDS, DealerCreated, DealerUpdated],
          database: { migrations },
        }),
        LedgerModule,
      ],
    };
  }
}
