import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsCurrency } from '../money/minor-units';

// Auth: who is asking. Built by the gateway from a verified session token and carried by every command it
// sends on someone's behalf; each owning service filters its queries by it (DESIGN section 6).

/** The id of an organisation, terminal, cashier or user: the codes the data files use (`d-kibera-shop`). */
export const ORG_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** `terminal` is a cashier's session on an activated terminal; the others are back-office users. */
export const ROLES = ['platform-admin', 'operator', 'dealer-admin', 'terminal'] as const;
export type Role = (typeof ROLES)[number];

export class Principal {
  @IsIn(ROLES)
  role: Role;

  /** The back-office user's id, or the cashier's id for a terminal session. */
  @IsString()
  @MaxLength(64)
  subject: string;

  /** `operator`: the operator (brand) whose products, stock and sales this user may see. */
  @IsOptional()
  @Matches(ORG_ID)
  operatorId?: string;

  /** `dealer-admin` and `terminal`: the dealer acted for. */
  @IsOptional()
  @Matches(ORG_ID)
  dealerId?: string;

  /**
   * `dealer-admin` and `terminal`: the dealer's ancestors from the top of its tree down, ending with the
   * dealer itself. A dealer-admin sees every record whose dealer path contains its dealer.
   */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(16)
  @Matches(ORG_ID, { each: true })
  dealerPath?: string[];

  /** `terminal`: the device the cashier is logged in on. */
  @IsOptional()
  @Matches(ORG_ID)
  terminalId?: string;
}

/** Who sells: a terminal session's principal plus what a sale and its receipt need of the dealer. */
export class SellerContext {
  @Matches(ORG_ID)
  dealerId: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(16)
  @Matches(ORG_ID, { each: true })
  dealerPath: string[];

  @IsString()
  @MaxLength(200)
  dealerName: string;

  /** The dealer's float currency: only products in it can be sold. */
  @IsCurrency()
  currency: string;

  /** IANA zone the dealer's receipts and reports are dated in (`Africa/Nairobi`). */
  @IsString()
  @MaxLength(64)
  timeZone: string;

  @Matches(ORG_ID)
  terminalId: string;

  @Matches(ORG_ID)
  cashierId: string;
}

/**
 * The dealer-tree rule every owning service applies: a dealer-admin sees the records whose dealer path (its
 * ancestors down to the dealer) contains the admin's dealer, i.e. its own dealer's and those below it.
 */
export function onDealerPath(
  principal: Principal,
  dealerPath: readonly string[] | null | undefined,
): boolean {
  return principal.dealerId !== undefined && !!dealerPath?.includes(principal.dealerId);
}
