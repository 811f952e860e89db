import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Principal } from '../auth/principal';
import { defineCommand } from '../messaging/contract';
import { IsCurrency, MinorUnits } from '../money/minor-units';

// Ledger: accounts. Produced by the platform's admin flows and the voucher service; consumed by ledger.

export const ACCOUNT_KINDS = ['float', 'payable', 'commission', 'funding'] as const;
/** float: a dealer's prepaid balance; payable: what we owe an operator; commission and funding: the platform's. */
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

const OWNER = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** `float:<dealer>`, `payable:<operator>:<CUR>`, `commission:<CUR>` or `funding:<CUR>`. */
export const ACCOUNT_CODE =
  /^(float:[a-z0-9][a-z0-9._-]{0,63}|payable:[a-z0-9][a-z0-9._-]{0,63}:[A-Z]{3}|commission:[A-Z]{3}|funding:[A-Z]{3})$/;

export function accountCode(kind: AccountKind, currency: string, owner?: string): string {
  switch (kind) {
    case 'float':
      return `float:${owner}`;
    case 'payable':
      return `payable:${owner}:${currency}`;
    case 'commission':
    case 'funding':
      return `${kind}:${currency}`;
  }
}

export class OpenAccountRequest {
  @IsIn(ACCOUNT_KINDS)
  kind: AccountKind;

  /** The dealer (float) or operator (payable); none for the platform's accounts. */
  @IsOptional()
  @Matches(OWNER)
  owner?: string;

  @IsCurrency()
  currency: string;

  @IsOptional()
  @MinorUnits('non-negative')
  creditLimit?: bigint;

  @IsOptional()
  @MinorUnits('non-negative')
  lowFloatThreshold?: bigint;
}

export class ConfigureAccountRequest {
  @Matches(ACCOUNT_CODE)
  account: string;

  @IsOptional()
  @MinorUnits('non-negative')
  creditLimit?: bigint;

  /** The dealer hears `ledger.float.low.v1` when its available float falls below this. */
  @IsOptional()
  @MinorUnits('non-negative')
  lowFloatThreshold?: bigint;

  @IsString()
  @MaxLength(100)
  actor: string;
}

/** Reads on someone's behalf carry who asks; the ledger answers only accounts in their scope. */
export class ScopedRead {
  /** Absent for the platform's own services (voucher, the audit); the gateway always sets it. */
  @IsOptional()
  @ValidateNested()
  @Type(() => Principal)
  principal?: Principal;
}

export class GetBalanceRequest extends ScopedRead {
  @Matches(ACCOUNT_CODE)
  account: string;
}

export class GetStatementRequest extends ScopedRead {
  @Matches(ACCOUNT_CODE)
  account: string;

  /** The last entry id of the previous page; omit for the first page. */
  @IsOptional()
  @Matches(/^[0-9]{1,19}$/)
  after?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** An account as the ledger reports it; money as strings of minor units. */
export interface AccountView {
  code: string;
  kind: AccountKind;
  owner: string | null;
  currency: string;
  posted: string;
  held: string;
  available: string;
  creditLimit: string;
  lowFloatThreshold: string | null;
}

export interface StatementLine {
  entryId: string;
  transferId: string;
  kind: string;
  amount: string;
  balanceAfter: string;
  at: string;
  memo: string | null;
}

export interface StatementPage {
  account: string;
  currency: string;
  lines: StatementLine[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
}

export const OpenAccount = defineCommand<OpenAccountRequest, AccountView>(
  'ledger.account.open.v1',
  OpenAccountRequest,
);
export const ConfigureAccount = defineCommand<ConfigureAccountRequest, AccountView>(
  'ledger.account.configure.v1',
  ConfigureAccountRequest,
);
export const GetBalance = defineCommand<GetBalanceRequest, AccountView>(
  'ledger.balance.get.v1',
  GetBalanceRequest,
);
export const GetStatement = defineCommand<GetStatementRequest, StatementPage>(
  'ledger.statement.get.v1',
  GetStatementRequest,
);
