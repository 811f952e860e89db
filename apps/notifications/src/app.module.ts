import { Module, type DynamicModule } from '@nestjs/common';
import { serviceImports } from '@tillpoint/messaging';
import type { ServiceConfig } from '@tillpoint/runtime';
import { migrations } from './migrations';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [...serviceImports(config, { contracts: [], database: { migrations } })],
    };
  }
}
