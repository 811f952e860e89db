import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateDealer,
  CreateDealerRequest,
  CreateOperator,
  CreateOperatorRequest,
  DealerRef,
  GetDealer,
  ListDealers,
  ListDealersRequest,
  ListOperators,
  ScopedRequest,
  UpdateDealer,
  UpdateDealerRequest,
  type DealerView,
  type OperatorView,
} from '@tillpoint/contracts';
import { DealersService } from './dealers.service';
import { OperatorsService } from './operators.service';

@Controller()
export class OrganisationsController {
  constructor(
    private readonly operators: OperatorsService,
    private readonly dealers: DealersService,
  ) {}

  @MessagePattern(CreateOperator.name)
  createOperator(@Payload() request: CreateOperatorRequest): Promise<OperatorView> {
    return this.operators.create(request);
  }

  @MessagePattern(ListOperators.name)
  listOperators(@Payload() request: ScopedRequest): Promise<OperatorView[]> {
    return this.operators.list(request);
  }

  @MessagePattern(CreateDealer.name)
  createDealer(@Payload() request: CreateDealerRequest): Promise<DealerView> {
    return this.dealers.create(request);
  }

  @MessagePattern(UpdateDealer.name)
  updateDealer(@Payload() request: UpdateDealerRequest): Promise<DealerView> {
    return this.dealers.update(request);
  }

  @MessagePattern(GetDealer.name)
  getDealer(@Payload() request: DealerRef): Promise<DealerView> {
    return this.dealers.get(request);
  }

  @MessagePattern(ListDealers.name)
  listDealers(@Payload() request: ListDealersRequest): Promise<DealerView[]> {
    return this.dealers.list(request);
  }
}
