import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ConfirmSale,
  CreateSale,
  CreateSaleRequest,
  GetSale,
  GetSaleRequest,
  ReverseSale,
  SaleAdviceRequest,
  type SaleView,
} from '@tillpoint/contracts';
import { SaleAdvicesService } from './sale-advices.service';
import { SalesService } from './sales.service';

// No inbox here: a sale is idempotent on (terminal, client reference) and advices on the sale's state, so a
// redelivery is answered from the sale itself, and no reply (which may carry a PIN) is ever stored.
@Controller()
export class SalesController {
  constructor(
    private readonly sales: SalesService,
    private readonly advices: SaleAdvicesService,
  ) {}

  @MessagePattern(CreateSale.name)
  create(@Payload() request: CreateSaleRequest): Promise<SaleView> {
    return this.sales.create(request);
  }

  @MessagePattern(GetSale.name)
  get(@Payload() request: GetSaleRequest): Promise<SaleView> {
    return this.sales.get(request);
  }

  @MessagePattern(ConfirmSale.name)
  confirm(@Payload() request: SaleAdviceRequest): Promise<SaleView> {
    return this.advices.confirm(request);
  }

  @MessagePattern(ReverseSale.name)
  reverse(@Payload() request: SaleAdviceRequest): Promise<SaleView> {
    return this.advices.reverse(request);
  }
}
