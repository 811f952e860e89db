import { Module, type DynamicModule } from '@nestjs/common';
import { serviceImports } from '@tillpoint/messaging';
import type { ServiceConfig } from '@tillpoint/runtime';
import { RedisModule, RedisProbe } from './redis/redis.module';
import { SigningModule } from './signing/signing.module';

/** The only HTTP entry for terminals and back offices; it keeps nothing durable, so it has no schema. */
@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RedisModule.forUrl(config.redisUrl),
        ...serviceImports(config, { contracts: [], probes: [RedisProbe] }),
        SigningModule,
      ],
    };
  }
}
