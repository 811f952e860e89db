import 'reflect-metadata';
import { startMessaging } from '@tillpoint/messaging';
import { launch } from '@tillpoint/runtime';
import { AppModule } from './app.module';
import { VoucherConfig } from './config/voucher.config';

launch('voucher', VoucherConfig, (config) => AppModule.forRoot(config), startMessaging);
