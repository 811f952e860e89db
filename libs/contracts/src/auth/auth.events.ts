import {
  IsEmail,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { defineEvent } from '../messaging/contract';
import { IsCurrency } from '../money/minor-units';
import { ORG_ID } from './principal';

// Auth: facts about organisations and credentials. Produced by auth through its outbox. Dealer events are
// consumed by ledger and notifications (a dealer's float, its contact for alerts); terminal and cashier
// events by every gateway instance (a block or lockout is refused at once, without a round trip).

export class DealerProfile {
  @Matches(ORG_ID)
  id: string;

  @IsOptional()
  @Matches(ORG_ID)
  parentId?: string;

  /** Ancestors from the top down, ending with this dealer. */
  @Matches(ORG_ID, { each: true })
  path: string[];

  @IsString()
  @MaxLength(200)
  name: string;

  @IsCurrency()
  currency: string;

  @IsString()
  @MaxLength(64)
  timeZone: string;

  /** Where the dealer's alerts (low float) and copies go by e-mail. */
  @IsOptional()
  @IsEmail()
  email?: string;
}

export class DealerChangedEvent {
  @ValidateNested()
  @Type(() => DealerProfile)
  dealer: DealerProfile;
}

export class TerminalStateEvent {
  @Matches(ORG_ID)
  terminalId: string;

  @Matches(ORG_ID)
  dealerId: string;

  /** The activated device's id, if it was activated (what signed requests carry). */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  deviceId?: string;
}

export class CashierLockedEvent {
  @Matches(ORG_ID)
  cashierId: string;

  @Matches(ORG_ID)
  dealerId: string;

  @IsISO8601()
  until: string;
}

/** A dealer was registered, or its profile changed (the payload is the whole profile as it now is). */
export const DealerCreated = defineEvent<DealerChangedEvent>('auth.dealer.created.v1', DealerChangedEvent);
export const DealerUpdated = defineEvent<DealerChangedEvent>('auth.dealer.updated.v1', DealerChangedEvent);
/** Every session of the terminal is refused from now on, until it is unblocked. */
export const TerminalBlocked = defineEvent<TerminalStateEvent>(
  'auth.terminal.blocked.v1',
  TerminalStateEvent,
);
export const TerminalUnblocked = defineEvent<TerminalStateEvent>(
  'auth.terminal.unblocked.v1',
  TerminalStateEvent,
);
/** Too many wrong PINs: the cashier's sessions are refused until `until`. */
export const CashierLocked = defineEvent<CashierLockedEvent>('auth.cashier.locked.v1', CashierLockedEvent);
