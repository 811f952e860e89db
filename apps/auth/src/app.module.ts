import { Global, Module, type DynamicModule } from '@nestjs/common';
import { serviceImports } from '@tillpoint/messaging';
import { AdminsModule } from './admins/admins.module';
import { AuthConfig } from './config/auth.config';
import { migrations } from './migrations';

@Global()
@Module({})
export class AppModule {
  static forRoot(config: AuthConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [...serviceImports(config, { contracts: [], database: { migrations } }), AdminsModule],
      providers: [{ provide: AuthConfig, useValue: config }],
      exports: [AuthConfig],
    };
  }
}
