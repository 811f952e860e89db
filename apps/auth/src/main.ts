import 'reflect-metadata';
import { startMessaging } from '@tillpoint/messaging';
import { launch } from '@tillpoint/runtime';
import { AppModule } from './app.module';
import { AuthConfig } from './config/auth.config';

launch('auth', AuthConfig, (config) => AppModule.forRoot(config), startMessaging);
