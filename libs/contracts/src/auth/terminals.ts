import { Type } from 'class-transformer';
import { IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { defineCommand } from '../messaging/contract';
import { ORG_ID } from './principal';
import { DealerRef } from './organisations';
import { ScopedRequest } from './scoped';

// Auth: terminals, their activation and blocking. Produced by the gateway (back office and POS);
// consumed by auth. `auth.device.lookup.v1` is asked by the gateway to check request signatures.

export const SERIAL = /^[A-Za-z0-9-]{4,64}$/;

export class NewTerminal {
  @Matches(ORG_ID)
  id: string;

  @Matches(SERIAL)
  serial: string;
}

export class RegisterTerminalRequest extends DealerRef {
  @ValidateNested()
  @Type(() => NewTerminal)
  terminal: NewTerminal;
}

export interface TerminalView {
  id: string;
  dealerId: string;
  serial: string;
  state: 'registered' | 'active' | 'blocked';
  deviceId?: string;
}

/** The activation code is shown once; a retry of the same registration before activation gets a new one. */
export interface RegisteredTerminal {
  terminal: TerminalView;
  activationCode: string;
  expiresAt: string;
}

export class TerminalRef extends ScopedRequest {
  @Matches(ORG_ID)
  terminalId: string;
}

export class ActivationBody {
  @Matches(SERIAL)
  serial: string;

  @IsString()
  @MaxLength(64)
  activationCode: string;
}

export type ActivateTerminalRequest = ActivationBody;

export interface ActivatedTerminal {
  terminalId: string;
  deviceId: string;
  /** The HMAC key of every signed request; given once, kept encrypted by auth. */
  deviceSecret: string;
}

export class DeviceLookupRequest {
  @IsString()
  @MaxLength(64)
  deviceId: string;
}

export interface DeviceView {
  deviceId: string;
  terminalId: string;
  dealerId: string;
  secret: string;
}

export const RegisterTerminal = defineCommand<RegisterTerminalRequest, RegisteredTerminal>(
  'auth.terminal.register.v1',
  RegisterTerminalRequest,
);
export const ActivateTerminal = defineCommand<ActivateTerminalRequest, ActivatedTerminal>(
  'auth.terminal.activate.v1',
  ActivationBody,
);
export const BlockTerminal = defineCommand<TerminalRef, TerminalView>('auth.terminal.block.v1', TerminalRef);
export const UnblockTerminal = defineCommand<TerminalRef, TerminalView>(
  'auth.terminal.unblock.v1',
  TerminalRef,
);
export const ListTerminals = defineCommand<DealerRef, TerminalView[]>('auth.terminal.list.v1', DealerRef);
/** An activated, unblocked device's secret, or `AUTH.UNKNOWN_DEVICE`. */
export const LookupDevice = defineCommand<DeviceLookupRequest, DeviceView>(
  'auth.device.lookup.v1',
  DeviceLookupRequest,
);
