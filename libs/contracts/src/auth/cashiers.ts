import { Type } from 'class-transformer';
import { Matches, ValidateNested } from 'class-validator';
import { defineCommand } from '../messaging/contract';
import { ORG_ID } from './principal';
import { DealerRef } from './organisations';

// Auth: a dealer's cashiers. Produced by the gateway's back-office API; consumed by auth.

export const CASHIER_PIN = /^[0-9]{4,12}$/;

export class NewCashier {
  @Matches(ORG_ID)
  id: string;

  @Matches(CASHIER_PIN)
  pin: string;
}

export class CreateCashierRequest extends DealerRef {
  @ValidateNested()
  @Type(() => NewCashier)
  cashier: NewCashier;
}

export interface CashierView {
  id: string;
  dealerId: string;
  lockedUntil?: string;
}

export const CreateCashier = defineCommand<CreateCashierRequest, CashierView>(
  'auth.cashier.create.v1',
  CreateCashierRequest,
);
export const ListCashiers = defineCommand<DealerRef, CashierView[]>('auth.cashier.list.v1', DealerRef);
