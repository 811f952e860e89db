import { Counter, Histogram, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[]): Counter {
  return (register.getSingleMetric(name) as Counter) ?? new Counter({ name, help, labelNames });
}

/** Prometheus series of the notifications service. */
export const notificationMetrics = {
  attempts: counter('notifications_delivery_attempts_total', 'Delivery attempts, by channel and outcome', [
    'channel',
    'outcome',
  ]),
  /** E-mails or SMS not sent because their channel is switched off (SMTP_URL unset, SMS_DRIVER=off). */
  skipped: counter('notifications_skipped_total', 'Messages skipped: channel off', ['channel']),
  parked: counter('notifications_parked_total', 'Deliveries parked after the last attempt', ['channel']),
  latency:
    (register.getSingleMetric('notifications_delivery_seconds') as Histogram) ??
    new Histogram({
      name: 'notifications_delivery_seconds',
      help: 'Time of one delivery attempt',
      labelNames: ['channel'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
};
