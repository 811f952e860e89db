import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HEALTH_PROBES, type HealthProbe } from './health-probe';

/** `/health/live` and `/health/ready` through terminus; readiness runs the given probes. */
@Module({})
export class HealthModule {
  static forProbes(probes: Type<HealthProbe>[], imports: DynamicModule['imports'] = []): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...imports],
      controllers: [HealthController],
      providers: [{ provide: HEALTH_PROBES, useFactory: (...found: HealthProbe[]) => found, inject: probes }],
    };
  }
}
