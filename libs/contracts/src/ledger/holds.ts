import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { defineCommand } from '../messaging/contract';
import { MinorUnits } from '../money/minor-units';
import { ACCOUNT_CODE } from './accounts';
import { LEDGER_ID, TransferLegs, type Leg, type TransferView } from './transfers';

// Ledger: holds on a dealer's float. Produced by voucher (the sale saga); consumed by ledger.

export class CreateHoldRequest {
  @Matches(LEDGER_ID)
  holdId: string;

  @Matches(/^float:/)
  @Matches(ACCOUNT_CODE)
  account: string;

  @MinorUnits('positive')
  amount: bigint;

  /** How long the hold lives unless captured; 60 s by default. */
  @IsOptional()
  @IsInt()
  @Min(1000)
  @Max(15 * 60 * 1000)
  ttlMs?: number;
}

export class CaptureHoldRequest {
  @Matches(LEDGER_ID)
  holdId: string;

  @Matches(LEDGER_ID)
  transferId: string;

  /** The posted legs; the float's leg may take at most what the hold reserved. */
  @TransferLegs()
  legs: Leg[];
}

export class VoidHoldRequest {
  @Matches(LEDGER_ID)
  holdId: string;
}

export type HoldStatus = 'open' | 'captured' | 'voided' | 'expired';

export interface HoldView {
  holdId: string;
  account: string;
  amount: string;
  status: HoldStatus;
  expiresAt: string;
  /** The float after the hold: what is left to sell with. */
  available: string;
  transfer?: TransferView;
}

export const CreateHold = defineCommand<CreateHoldRequest, HoldView>(
  'ledger.hold.create.v1',
  CreateHoldRequest,
);
export const CaptureHold = defineCommand<CaptureHoldRequest, HoldView>(
  'ledger.hold.capture.v1',
  CaptureHoldRequest,
);
export const VoidHold = defineCommand<VoidHoldRequest, HoldView>('ledger.hold.void.v1', VoidHoldRequest);
