import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { defineCommand, defineEvent } from '../messaging/contract';
import { MinorUnits } from '../money/minor-units';
import { LEDGER_ID, type TransferView } from './transfers';

// Ledger: float top-ups and corrections by a platform admin. Produced by the gateway's admin API;
// consumed by ledger. Events produced by ledger; consumed by notifications (and the dealer's back office).

const FLOAT = /^float:[a-z0-9][a-z0-9._-]{0,63}$/;

export class TopUpFloatRequest {
  @Matches(LEDGER_ID)
  transferId: string;

  @Matches(FLOAT)
  account: string;

  @MinorUnits('positive')
  amount: bigint;

  /** Who did it (the admin's user id), kept in the audit record. */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  actor: string;

  @IsString()
  @MinLength(3)
  @MaxLength(200)
  reason: string;
}

/** A correction may take money back (negative) as well as add it; never below the float's limit. */
export class CorrectFloatRequest extends TopUpFloatRequest {
  @MinorUnits('signed')
  declare amount: bigint;
}

const MONEY = /^-?[0-9]{1,19}$/;

/** What every float event says of the float. */
export class FloatEvent {
  @Matches(FLOAT)
  account: string;

  @IsString()
  dealer: string;

  @IsString()
  currency: string;

  @Matches(MONEY)
  available: string;
}

export class FloatCreditedEvent extends FloatEvent {
  @Matches(MONEY)
  amount: string;

  @Matches(MONEY)
  posted: string;

  @IsString()
  transferId: string;
}

export class FloatLowEvent extends FloatEvent {
  @Matches(MONEY)
  threshold: string;
}

export const TopUpFloat = defineCommand<TopUpFloatRequest, TransferView>(
  'ledger.float.topup.v1',
  TopUpFloatRequest,
);
export const CorrectFloat = defineCommand<CorrectFloatRequest, TransferView>(
  'ledger.float.correct.v1',
  CorrectFloatRequest,
);
export const FloatCredited = defineEvent<FloatCreditedEvent>('ledger.float.credited.v1', FloatCreditedEvent);
export const FloatLow = defineEvent<FloatLowEvent>('ledger.float.low.v1', FloatLowEvent);
