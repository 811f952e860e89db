import { Type } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { defineCommand } from '../messaging/contract';
import { IsCurrency } from '../money/minor-units';
import type { DealerProfile } from './auth.events';
import { ORG_ID } from './principal';
import { ScopedRequest } from './scoped';

// Auth: operators (brands) and the dealer tree. Produced by the gateway's back-office API; consumed by auth.

export class NewOperator {
  @Matches(ORG_ID)
  id: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

export class CreateOperatorRequest extends ScopedRequest {
  @ValidateNested()
  @Type(() => NewOperator)
  operator: NewOperator;
}

export interface OperatorView {
  id: string;
  name: string;
}

export class NewDealer {
  @Matches(ORG_ID)
  id: string;

  /** Absent for the top of a tree (platform admins only). */
  @IsOptional()
  @Matches(ORG_ID)
  parentId?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsCurrency()
  currency: string;

  @IsTimeZone()
  timeZone: string;

  @IsOptional()
  @IsEmail()
  email?: string;
}

export class CreateDealerRequest extends ScopedRequest {
  @ValidateNested()
  @Type(() => NewDealer)
  dealer: NewDealer;
}

export class DealerRef extends ScopedRequest {
  @Matches(ORG_ID)
  dealerId: string;
}

/** What may change of a dealer; its place in the tree and its float currency never do. */
export class DealerChanges {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @IsOptional()
  @IsEmail()
  email?: string;
}

export class UpdateDealerRequest extends DealerRef {
  @ValidateNested()
  @Type(() => DealerChanges)
  changes: DealerChanges;
}

/** A page of the dealers the principal may see, ordered by id. */
export class ListDealersRequest extends ScopedRequest {
  @IsOptional()
  @Matches(ORG_ID)
  after?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export type DealerView = DealerProfile;

export const CreateOperator = defineCommand<CreateOperatorRequest, OperatorView>(
  'auth.operator.create.v1',
  CreateOperatorRequest,
);
export const ListOperators = defineCommand<ScopedRequest, OperatorView[]>(
  'auth.operator.list.v1',
  ScopedRequest,
);
export const CreateDealer = defineCommand<CreateDealerRequest, DealerView>(
  'auth.dealer.create.v1',
  CreateDealerRequest,
);
/** Publishes `auth.dealer.updated.v1` with the whole new profile when anything changed. */
export const UpdateDealer = defineCommand<UpdateDealerRequest, DealerView>(
  'auth.dealer.update.v1',
  UpdateDealerRequest,
);
export const GetDealer = defineCommand<DealerRef, DealerView>('auth.dealer.get.v1', DealerRef);
export const ListDealers = defineCommand<ListDealersRequest, DealerView[]>(
  'auth.dealer.list.v1',
  ListDealersRequest,
);
