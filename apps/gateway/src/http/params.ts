import { type PipeTransform } from '@nestjs/common';
import { DomainError, GatewayErrors, ORG_ID, SKU } from '@tillpoint/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** A path segment that must be an organisation, terminal or cashier id. */
export class OrgIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ORG_ID.test(value)) throw new DomainError(GatewayErrors.INVALID_REQUEST, 'not a valid id');
    return value;
  }
}

export class PageQuery {
  @IsOptional()
  @Matches(ORG_ID)
  after?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path segment that must be a record's UUID (a sale, a subscription, a delivery). */
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new DomainError(GatewayErrors.INVALID_REQUEST, 'not a valid id');
    return value;
  }
}

/** A path segment that must be a product's SKU. */
export class SkuPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!SKU.test(value)) throw new DomainError(GatewayErrors.INVALID_REQUEST, 'not a valid SKU');
    return value;
  }
}
