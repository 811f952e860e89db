import { IsOptional, IsString, MaxLength } from 'class-validator';
import { defineCommand } from '../messaging/contract';

// Ledger: the invariant audit. Produced by the on-call tooling and the invariant check; consumed by ledger.

export class RunAuditRequest {
  /** Why it was asked for (logged); the audit itself takes no parameters. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

export interface AuditBreach {
  invariant: 'transfer-balances' | 'balance-equals-entries' | 'held-equals-open-holds' | 'float-within-limit';
  subject: string;
  detail: string;
}

export interface AuditReport {
  checkedAt: string;
  transfers: number;
  accounts: number;
  breaches: AuditBreach[];
}

export const RunAudit = defineCommand<RunAuditRequest, AuditReport>('ledger.audit.run.v1', RunAuditRequest);
