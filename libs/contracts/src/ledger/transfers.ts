import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { defineCommand } from '../messaging/contract';
import type { WireError } from '../messaging/message-error';
import { MinorUnits } from '../money/minor-units';
import { ACCOUNT_CODE } from './accounts';

// Ledger: transfers. Produced by voucher (sales) and admin flows; consumed by ledger.

/** The caller's id of a transfer or hold: the key of every retry. */
export const LEDGER_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export class Leg {
  @Matches(ACCOUNT_CODE)
  account: string;

  /** Positive credits the account, negative debits it. */
  @MinorUnits('signed')
  amount: bigint;
}

/** The legs of a transfer: 2 to 20, each validated as a Leg. */
export function TransferLegs(): PropertyDecorator {
  return applyDecorators(
    ValidateNested({ each: true }),
    Type(() => Leg),
    ArrayMinSize(2),
    ArrayMaxSize(20),
  );
}

function applyDecorators(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}

export const TRANSFER_KINDS = ['transfer', 'sale', 'refund'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export class PostTransferRequest {
  @Matches(LEDGER_ID)
  transferId: string;

  @TransferLegs()
  legs: Leg[];

  /** What it is for, kept with it: a PIN sale posted in one step (`sale`), its `refund`, or a `transfer`. */
  @IsOptional()
  @IsIn(TRANSFER_KINDS)
  kind?: TransferKind;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  memo?: string;
}

export interface TransferView {
  transferId: string;
  kind: string;
  legs: Array<{ account: string; amount: string; currency: string }>;
  at: string;
  /** Each float leg's available balance once posted (for a repeat: now), minor units. */
  available?: Record<string, string>;
}

export const PostTransfer = defineCommand<PostTransferRequest, TransferView>(
  'ledger.transfer.post.v1',
  PostTransferRequest,
);

/** The most transfers one `PostTransfers` carries: the ledger's batch, whose float locks last its transaction. */
export const MAX_TRANSFERS_PER_POST = 64;

/** Several transfers in one message (DESIGN section 4: several sales' ledger work may share one). */
export class PostTransfersRequest {
  @ValidateNested({ each: true })
  @Type(() => PostTransferRequest)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TRANSFERS_PER_POST)
  transfers: PostTransferRequest[];
}

/** Each transfer's own answer, in the request's order: posted (or found posted before), or refused. */
export interface PostTransfersView {
  results: Array<{ transfer: TransferView } | { error: WireError }>;
}

/**
 * Each transfer is posted or refused on its own, as if sent alone; a refusal is that transfer's alone. A
 * message that fails validation (any of its transfers malformed, none or more than 64) is refused whole and
 * dead-lettered, nothing posted: its sender has a bug, not a sale to fail. A transfer that could not be
 * decided (a database outage) fails the message, which is retried as a whole: the transfer ids make the ones
 * already posted be found, not posted twice.
 */
export const PostTransfers = defineCommand<PostTransfersRequest, PostTransfersView>(
  'ledger.transfers.post.v1',
  PostTransfersRequest,
);
