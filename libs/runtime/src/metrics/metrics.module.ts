import { Module } from '@nestjs/common';
import { collectDefaultMetrics, register } from 'prom-client';
import { MetricsController } from './metrics.controller';

let collecting = false;

/** Serves Prometheus metrics at /metrics: Node's defaults plus whatever the libs register. */
@Module({ controllers: [MetricsController] })
export class MetricsModule {
  static labels(service: string, instance: string): typeof MetricsModule {
    if (!collecting) {
      register.setDefaultLabels({ service, instance });
      collectDefaultMetrics();
      collecting = true;
    }
    return MetricsModule;
  }
}
