import { type PipeTransform } from '@nestjs/common';
import { DomainError, GatewayErrors, ORG_ID } from '@tillpoint/contracts';
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
