// Wire codes: produced by the gateway itself (HTTP edge), answered to terminals and back offices as problems.
export const GatewayErrors = {
  /** The body or query failed validation, or has fields that are not allowed. */
  INVALID_REQUEST: 'GATEWAY.INVALID_REQUEST',
  MALFORMED_JSON: 'GATEWAY.MALFORMED_JSON',
  PAYLOAD_TOO_LARGE: 'GATEWAY.PAYLOAD_TOO_LARGE',
  /** A body that is not JSON on a JSON route (or not CSV/text on the stock upload). */
  UNSUPPORTED_MEDIA_TYPE: 'GATEWAY.UNSUPPORTED_MEDIA_TYPE',
  ROUTE_NOT_FOUND: 'GATEWAY.ROUTE_NOT_FOUND',
  RATE_LIMITED: 'GATEWAY.RATE_LIMITED',
  /** A dependency (auth's keys, Redis) is not there: our failure, not the caller's. */
  UNAVAILABLE: 'GATEWAY.UNAVAILABLE',
  INTERNAL: 'GATEWAY.INTERNAL',
} as const;
export type GatewayErrorCode = (typeof GatewayErrors)[keyof typeof GatewayErrors];
