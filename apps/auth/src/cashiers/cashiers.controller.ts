import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateCashier,
  CreateCashierRequest,
  DealerRef,
  ListCashiers,
  type CashierView,
} from '@tillpoint/contracts';
import { CashiersService } from './cashiers.service';

@Controller()
export class CashiersController {
  constructor(private readonly cashiers: CashiersService) {}

  @MessagePattern(CreateCashier.name)
  create(@Payload() request: CreateCashierRequest): Promise<CashierView> {
    return this.cashiers.create(request);
  }

  @MessagePattern(ListCashiers.name)
  list(@Payload() request: DealerRef): Promise<CashierView[]> {
    return this.cashiers.list(request);
  }
}
