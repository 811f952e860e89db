/** One dependency readiness depends on (the database, the broker, Redis). */
export interface HealthProbe {
  readonly name: string;
  /** Resolves with details when healthy; rejects (or resolves `up: false`) when not. */
  check(): Promise<{ up: boolean; details?: Record<string, unknown> }>;
}

/** Injection token of the list of probes the readiness endpoint runs. */
export const HEALTH_PROBES = Symbol('HEALTH_PROBES');
