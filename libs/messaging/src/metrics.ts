import { Counter, Histogram, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[]): Counter {
  return (register.getSingleMetric(name) as Counter) ?? new Counter({ name, help, labelNames });
}

function histogram(name: string, help: string, labelNames: string[]): Histogram {
  return (
    (register.getSingleMetric(name) as Histogram) ??
    new Histogram({
      name,
      help,
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    })
  );
}

/** Prometheus series of the messaging lib, shared by every service. */
export const messagingMetrics = {
  consumed: counter('messaging_consumed_total', 'Messages consumed, by name and outcome', [
    'name',
    'outcome',
  ]),
  handlerSeconds: histogram('messaging_handler_seconds', 'Time spent in message handlers', ['name']),
  requestSeconds: histogram('messaging_request_seconds', 'Request/reply round trips', ['name', 'outcome']),
  outboxPublished: counter('messaging_outbox_published_total', 'Outbox events published', ['name']),
  sharedFallbacks: counter(
    'messaging_shared_fallbacks_total',
    'Shared transactions (UnitOfWork.runShared) rolled back and run again unit by unit',
    [],
  ),
};
