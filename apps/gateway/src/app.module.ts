import { Module, type DynamicModule } from '@nestjs/common';
import { serviceImports } from '@tillpoint/messaging';
import { AccessModule } from './access/access.module';
import { Revocations } from './access/revocations';
import { AdminSalesController } from './backoffice/sales.controller';
import { CatalogController } from './backoffice/catalog.controller';
import { FloatsController } from './backoffice/floats.controller';
import { OrganisationsController } from './backoffice/organisations.controller';
import { SessionController } from './backoffice/session.controller';
import { StockController } from './backoffice/stock.controller';
import { SubscriptionsController } from './backoffice/subscriptions.controller';
import { TerminalsController } from './backoffice/terminals.controller';
import { GatewayConfig } from './config/gateway.config';
import { VoucherHttp } from './internal/voucher-http';
import { PosController } from './pos/pos.controller';
import { SalesController } from './pos/sales.controller';
import { TillController } from './pos/till.controller';
import { ReceiptCopies } from './receipts/receipt-copies';
import { RedisModule, RedisProbe } from './redis/redis.module';

/** The only HTTP entry for terminals and back offices; it keeps nothing durable, so it has no schema. */
@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        RedisModule.forUrl(config.redisUrl, config.redisKeyPrefix),
        // Ready once Redis answers and the blocked terminals are loaded (they come by fan-out, not the work queue).
        ...serviceImports(config, { contracts: [], probes: [RedisProbe, Revocations] }),
        AccessModule,
      ],
      controllers: [
        PosController,
        SalesController,
        TillController,
        SessionController,
        OrganisationsController,
        TerminalsController,
        CatalogController,
        FloatsController,
        StockController,
        AdminSalesController,
        SubscriptionsController,
      ],
      providers: [{ provide: GatewayConfig, useValue: config }, VoucherHttp, ReceiptCopies],
      exports: [GatewayConfig],
    };
  }
}
