/** What one answer to POST /pos/sales counts as. */
export type Outcome = { kind: 'completed' } | { kind: 'pending' } | { kind: 'error'; type: string };

/**
 * 201 COMPLETED is a completed sale, 202 a pending one (not polled while measuring); anything else is an
 * error named by its problem type's slug (the last path segment: `insufficient-float`), else `http-<status>`.
 */
export function classify(status: number, body: string): Outcome {
  const json = parse(body);
  if (status === 201) {
    const state = typeof json?.state === 'string' ? json.state : 'unknown';
    return state === 'COMPLETED' ? { kind: 'completed' } : { kind: 'error', type: `201-${state}` };
  }
  if (status === 202) return { kind: 'pending' };
  if (typeof json?.type === 'string' && json.type !== 'about:blank')
    return { kind: 'error', type: lastSegment(json.type) };
  return { kind: 'error', type: `http-${status}` };
}

/** No answer at all (a timeout, a reset, a refused connection). */
export const NETWORK_ERROR = 'network';

function lastSegment(type: string): string {
  return type.replace(/\/+$/, '').split('/').pop() || type;
}

function parse(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
