import { Module, type DynamicModule } from '@nestjs/common';
import { serviceImports } from '@tillpoint/messaging';
import { AccessModule } from './access/access.module';
import { Revocations } from './access/revocations';
import { OrganisationsController } from './backoffice/organisations.controller';
import { SessionController } from './backoffice/session.controller';
import { TerminalsController } from './backoffice/terminals.controller';
import { GatewayConfig } from './config/gateway.config';
import { PosController } from './pos/pos.controller';
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
      controllers: [PosController, SessionController, OrganisationsController, TerminalsController],
      providers: [{ provide: GatewayConfig, useValue: config }],
      exports: [GatewayConfig],
    };
  }
}
