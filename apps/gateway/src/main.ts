import 'reflect-metadata';
import { launch } from '@tillpoint/runtime';
import { AppModule } from './app.module';
import { GatewayConfig } from './config/gateway.config';
import { startGateway } from './http/start-gateway';

launch('gateway', GatewayConfig, (config) => AppModule.forRoot(config), startGateway);
