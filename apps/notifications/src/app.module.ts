import { Global, Module, type DynamicModule } from '@nestjs/common';
import {
  DealerCreated,
  DealerUpdated,
  FloatLow,
  NOTIFICATIONS_COMMANDS,
  SaleCompleted,
  SaleReversed,
} from '@tillpoint/contracts';
import { serviceImports } from '@tillpoint/messaging';
import { MemorySmsDriver, OffSmsDriver, SmsDriver } from './channels/sms.driver';
import { NotificationsConfig } from './config/notifications.config';
import { Sealer } from './config/sealer';
import { migrations } from './migrations';
import { NotificationsModule } from './notifications.module';

/** The events notifications listens to, besides its own commands. */
const EVENTS = [SaleCompleted, SaleReversed, FloatLow, DealerCreated, DealerUpdated];

@Global()
@Module({})
export class AppModule {
  static forRoot(config: NotificationsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceImports(config, {
          contracts: [...NOTIFICATIONS_COMMANDS, ...EVENTS],
          database: { migrations },
        }),
        NotificationsModule,
      ],
      providers: [
        { provide: NotificationsConfig, useValue: config },
        { provide: Sealer, useValue: new Sealer(config.pinKeys) },
        {
          provide: SmsDriver,
          useValue: config.smsDriver === 'memory' ? new MemorySmsDriver() : new OffSmsDriver(),
        },
      ],
      exports: [NotificationsConfig, Sealer, SmsDriver],
    };
  }
}
