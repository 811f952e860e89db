import { onDealerPath, type Principal } from '@tillpoint/contracts';

/** The parts of a sale that decide who may see it. */
export interface Scoped {
  terminal_id: string;
  operator_id: string;
  dealer_path: string[];
}

/**
 * Who may read a sale: its own terminal, a dealer-admin whose dealer is on the sale's dealer path, the
 * operator whose product it is, any platform admin.
 */
export function canRead(principal: Principal, sale: Scoped): boolean {
  switch (principal.role) {
    case 'platform-admin':
      return true;
    case 'operator':
      return !!principal.operatorId && principal.operatorId === sale.operator_id;
    case 'dealer-admin':
      return onDealerPath(principal, sale.dealer_path);
    case 'terminal':
      return !!principal.terminalId && principal.terminalId === sale.terminal_id;
  }
}

/** The same rule as a SQL condition on `sales s`, with its parameters numbered from `first`. */
export function scopeSql(principal: Principal, first: number): { sql: string; params: unknown[] } {
  switch (principal.role) {
    case 'platform-admin':
      return { sql: 'true', params: [] };
    case 'operator':
      return { sql: `s.operator_id = $${first}`, params: [principal.operatorId ?? ''] };
    case 'dealer-admin':
      return { sql: `s.dealer_path @> ARRAY[$${first}::text]`, params: [principal.dealerId ?? ''] };
    case 'terminal':
      return { sql: `s.terminal_id = $${first}`, params: [principal.terminalId ?? ''] };
  }
}
