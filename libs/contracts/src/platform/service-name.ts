// The five services; each owns one PostgreSQL schema and one work queue named after it.
export const SERVICE_NAMES = ['gateway', 'auth', 'ledger', 'voucher', 'notifications'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** The HTTP port each service listens on unless <SERVICE>_PORT says otherwise. */
export const DEFAULT_PORTS: Record<ServiceName, number> = {
  gateway: 3000,
  auth: 3001,
  ledger: 3002,
  voucher: 3003,
  notifications: 3004,
};
