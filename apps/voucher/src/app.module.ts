import { Global, Module, type DynamicModule } from '@nestjs/common';
import { serviceImports } from '@tillpoint/messaging';
import { VoucherConfig } from './config/voucher.config';
import { migrations } from './migrations';
import { VOUCHER_COMMANDS } from './voucher.commands';
import { VoucherModule } from './voucher.module';

@Global()
@Module({})
export class AppModule {
  static forRoot(config: VoucherConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceImports(config, { contracts: VOUCHER_COMMANDS, database: { migrations } }),
        VoucherModule,
      ],
      providers: [{ provide: VoucherConfig, useValue: config }],
      exports: [VoucherConfig],
    };
  }
}
