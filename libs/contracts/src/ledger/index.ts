export * from './ledger.errors';
export * from './accounts';
export * from './transfers';
export * from './holds';
export * from './floats';
export * from './audit';
import { ConfigureAccount, GetBalance, GetStatement, OpenAccount } from './accounts';
import { RunAudit } from './audit';
import { CorrectFloat, TopUpFloat } from './floats';
import { CaptureHold, CreateHold, VoidHold } from './holds';
import { PostTransfer, PostTransfers } from './transfers';

/** Every command the ledger consumes. */
export const LEDGER_COMMANDS = [
  OpenAccount,
  ConfigureAccount,
  GetBalance,
  GetStatement,
  PostTransfer,
  PostTransfers,
  CreateHold,
  CaptureHold,
  VoidHold,
  TopUpFloat,
  CorrectFloat,
  RunAudit,
];
