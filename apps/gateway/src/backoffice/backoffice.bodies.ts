import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DELIVERY_STATUSES,
  LEDGER_ID,
  MinorUnits,
  ORG_ID,
  REPORT_DIMENSIONS,
  SALE_STATES,
  SKU,
  WEBHOOK_EVENTS,
  type DeliveryStatus,
  type ReportDimension,
  type SaleState,
  type WebhookEvent,
} from '@tillpoint/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class TopUpBody {
  @ApiPropertyOptional({ description: 'Idempotency key of the top-up; generated when absent' })
  @IsOptional()
  @Matches(LEDGER_ID)
  transferId?: string;

  @ApiProperty({ description: 'Minor units, a string of digits', example: '5000000', type: String })
  @MinorUnits('positive')
  amount: bigint;

  @ApiProperty({ example: 'bank transfer 2026-12-03' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  reason: string;
}

export class StatementQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9]{1,19}$/)
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** What a platform admin may change of one product; anything else is a whole new catalog. */
export class ProductChanges {
  @ApiPropertyOptional({ minimum: 0, maximum: 9999 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(9999)
  dealerCommissionBps?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  minAmount?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  maxAmount?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  validityDays?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  redeemInstructions?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  lowStockThreshold?: number;
}

export class StockQuery {
  @ApiPropertyOptional({ example: 'KE-SAFARICOM-PIN-50' })
  @IsOptional()
  @Matches(SKU)
  sku?: string;
}

export class SalesQuery {
  @ApiProperty({ example: '2026-12-01' })
  @Matches(DAY)
  from: string;

  @ApiProperty({ example: '2026-12-03' })
  @Matches(DAY)
  to: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(SKU)
  sku?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ORG_ID)
  operatorId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ORG_ID)
  dealerId?: string;

  @ApiPropertyOptional({ enum: SALE_STATES })
  @IsOptional()
  @IsIn(SALE_STATES)
  state?: SaleState;
}

export class SalesPageQuery extends SalesQuery {
  @ApiPropertyOptional({ description: 'The `next` of the previous page' })
  @IsOptional()
  @Matches(/^[0-9]{1,19}:[0-9a-f-]{36}$/)
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ReportQuery {
  @ApiProperty({ enum: REPORT_DIMENSIONS })
  @IsIn(REPORT_DIMENSIONS)
  by: ReportDimension;

  @ApiProperty({ example: '2026-12-01' })
  @Matches(DAY)
  from: string;

  @ApiProperty({ example: '2026-12-03' })
  @Matches(DAY)
  to: string;
}

export class SubscriptionBody {
  @ApiProperty({ example: 'https://hooks.example.com/tillpoint' })
  @IsString()
  @MaxLength(2000)
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: WebhookEvent[];

  @ApiPropertyOptional({ description: 'A platform admin acting for a dealer' })
  @IsOptional()
  @Matches(ORG_ID)
  dealerId?: string;

  @ApiPropertyOptional({ description: 'A platform admin acting for an operator' })
  @IsOptional()
  @Matches(ORG_ID)
  operatorId?: string;
}

export class DeliveriesQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  subscriptionId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class LimitQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
