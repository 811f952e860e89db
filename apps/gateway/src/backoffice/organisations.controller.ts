import { Body, Controller, Get, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import {
  CreateDealer,
  CreateOperator,
  CreateUser,
  DealerChanges,
  GetDealer,
  ListDealers,
  ListOperators,
  ListUsers,
  NewDealer,
  NewOperator,
  NewUser,
  UpdateDealer,
  type DealerView,
  type OperatorView,
  type Principal,
  type UserView,
} from '@tillpoint/contracts';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MessageClient } from '@tillpoint/messaging';
import { CurrentPrincipal, Roles } from '../access/access.decorators';
import { AccessGuard } from '../access/access.guard';
import { Problems } from '../docs/api-docs';
import { OrgIdPipe, PageQuery } from '../http/params';

/** Operators, the dealer tree and back-office users; auth scopes every answer by the principal. */
@ApiBearerAuth('session')
@ApiTags('organisations')
@Problems(403, 404, 409, 422)
@Controller('admin')
@UseGuards(AccessGuard)
export class OrganisationsController {
  constructor(private readonly client: MessageClient) {}

  @Post('operators')
  @Roles('platform-admin')
  createOperator(
    @CurrentPrincipal() principal: Principal,
    @Body() operator: NewOperator,
  ): Promise<OperatorView> {
    return this.client.request(CreateOperator, { principal, operator });
  }

  @Get('operators')
  @Roles('platform-admin', 'operator')
  listOperators(@CurrentPrincipal() principal: Principal): Promise<OperatorView[]> {
    return this.client.request(ListOperators, { principal });
  }

  @Post('dealers')
  @Roles('platform-admin', 'dealer-admin')
  createDealer(@CurrentPrincipal() principal: Principal, @Body() dealer: NewDealer): Promise<DealerView> {
    return this.client.request(CreateDealer, { principal, dealer });
  }

  @Get('dealers')
  @Roles('platform-admin', 'dealer-admin')
  listDealers(@CurrentPrincipal() principal: Principal, @Query() page: PageQuery): Promise<DealerView[]> {
    return this.client.request(ListDealers, { principal, ...page });
  }

  @Get('dealers/:dealerId')
  @Roles('platform-admin', 'dealer-admin')
  getDealer(
    @CurrentPrincipal() principal: Principal,
    @Param('dealerId', OrgIdPipe) dealerId: string,
  ): Promise<DealerView> {
    return this.client.request(GetDealer, { principal, dealerId });
  }

  @Patch('dealers/:dealerId')
  @Roles('platform-admin', 'dealer-admin')
  updateDealer(
    @CurrentPrincipal() principal: Principal,
    @Param('dealerId', OrgIdPipe) dealerId: string,
    @Body() changes: DealerChanges,
  ): Promise<DealerView> {
    return this.client.request(UpdateDealer, { principal, dealerId, changes });
  }

  @Post('users')
  @Roles('platform-admin', 'dealer-admin')
  createUser(@CurrentPrincipal() principal: Principal, @Body() user: NewUser): Promise<UserView> {
    return this.client.request(CreateUser, { principal, user });
  }

  @Get('users')
  @Roles('platform-admin', 'dealer-admin')
  listUsers(@CurrentPrincipal() principal: Principal): Promise<UserView[]> {
    return this.client.request(ListUsers, { principal });
  }
}
