import type { HoldStatus, HoldView, TransferView } from '@tillpoint/contracts';

export interface HoldRow {
  id: string;
  account_id: string;
  code: string;
  amount: string;
  status: HoldStatus;
  expires_at: Date;
  transfer_id: string | null;
}

export const HOLD_COLUMNS = `h.id, h.account_id, a.code, h.amount, h.status, h.expires_at, h.transfer_id`;

export function holdView(row: HoldRow, available: bigint, transfer?: TransferView): HoldView {
  return {
    holdId: row.id,
    account: row.code,
    amount: row.amount,
    status: row.status,
    expiresAt: row.expires_at.toISOString(),
    available: available.toString(),
    ...(transfer ? { transfer } : {}),
  };
}
