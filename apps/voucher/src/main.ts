import 'reflect-metadata';
import { startMessaging } from '@tillpoint/messaging';
import { launch, ServiceConfig } from '@tillpoint/runtime';
import { AppModule } from './app.module';

launch('voucher', ServiceConfig, (config) => AppModule.forRoot(config), startMessaging);
