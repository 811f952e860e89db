import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AUTH_COMMANDS } from '@tillpoint/contracts';
import { serviceImports } from '@tillpoint/messaging';
import { AdminsModule } from './admins/admins.module';
import { AuthModule } from './auth.module';
import { AuthConfig } from './config/auth.config';
import { migrations } from './migrations';

@Global()
@Module({})
export class AppModule {
  static forRoot(config: AuthConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceImports(config, { contracts: AUTH_COMMANDS, database: { migrations } }),
        AdminsModule,
        AuthModule,
      ],
      providers: [{ provide: AuthConfig, useValue: config }],
      exports: [AuthConfig],
    };
  }
}
