import 'reflect-metadata';
import { startMessaging } from '@tillpoint/messaging';
import { launch } from '@tillpoint/runtime';
import { AppModule } from './app.module';
import { NotificationsConfig } from './config/notifications.config';

launch('notifications', NotificationsConfig, (config) => AppModule.forRoot(config), startMessaging);
