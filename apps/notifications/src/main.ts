import 'reflect-metadata';
import { startMessaging } from '@tillpoint/messaging';
import { launch, ServiceConfig } from '@tillpoint/runtime';
import { AppModule } from './app.module';

launch('notifications', ServiceConfig, (config) => AppModule.forRoot(config), startMessaging);
