import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLIENT_REF, ReceiptCustomer, SKU } from '@tillpoint/contracts';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  ValidateNested,
} from 'class-validator';

/**
 * A money input: a string of digits or a JSON integer. A fraction or a negative number passes here on
 * purpose so that voucher refuses it with its own code (`amount-not-whole`, `sale-amount-out-of-range`);
 * anything else (an object, 1e400, 50 digits) is an invalid request.
 */
function IsAmountInput(): PropertyDecorator {
  return (target: object, property: string | symbol) =>
    registerDecorator({
      name: 'isAmountInput',
      target: target.constructor,
      propertyName: property as string,
      options: { message: 'amount must be minor units: a string of digits or an integer' },
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'string' && /^-?[0-9]{1,19}(\.[0-9]{1,6})?$/.test(value)) ||
          (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e19),
      },
    });
}

export class SaleCustomerBody extends ReceiptCustomer {
  @ApiPropertyOptional({ example: 'amina@example.com' })
  declare email?: string;

  @ApiPropertyOptional({ example: '+254712345678' })
  declare phone?: string;
}

export class SaleBody {
  @ApiPropertyOptional({
    description: "The terminal's reference (or the Idempotency-Key header)",
    example: 'T1-000123',
  })
  @IsOptional()
  @Matches(CLIENT_REF)
  clientRef?: string;

  @ApiProperty({ example: 'KE-SAFARICOM-PIN-50' })
  @Matches(SKU)
  sku: string;

  @ApiProperty({ description: 'Phone number or bill account', example: '+254712345678' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  account: string;

  @ApiPropertyOptional({ description: 'Open-amount products: minor units', example: '5000', type: String })
  @IsOptional()
  @IsAmountInput()
  amount?: string | number;

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  catalogVersion?: number;

  @ApiPropertyOptional({ type: SaleCustomerBody })
  @IsOptional()
  @ValidateNested()
  @Type(() => SaleCustomerBody)
  customer?: SaleCustomerBody;
}

export const RECEIPT_QUERY_FORMATS = ['slip32', 'slip48', 'pdf', 'json'] as const;

export class ReceiptQuery {
  @ApiPropertyOptional({ enum: RECEIPT_QUERY_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(RECEIPT_QUERY_FORMATS)
  format?: (typeof RECEIPT_QUERY_FORMATS)[number];
}

export class DayQuery {
  @ApiPropertyOptional({ description: "YYYY-MM-DD in the dealer's time zone; today by default" })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date?: string;
}
