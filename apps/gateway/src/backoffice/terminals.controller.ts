import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import {
  BlockTerminal,
  CreateCashier,
  ListCashiers,
  ListTerminals,
  NewCashier,
  NewTerminal,
  RegisterTerminal,
  UnblockTerminal,
  type CashierView,
  type Principal,
  type RegisteredTerminal,
  type TerminalView,
} from '@tillpoint/contracts';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MessageClient } from '@tillpoint/messaging';
import { CurrentPrincipal, Roles } from '../access/access.decorators';
import { AccessGuard } from '../access/access.guard';
import { Problems } from '../docs/api-docs';
import { OrgIdPipe } from '../http/params';

/** A dealer's terminals (register, list, block, unblock) and cashiers (create, list). */
@ApiBearerAuth('session')
@ApiTags('terminals')
@Problems(403, 404, 409, 422)
@Controller('admin')
@UseGuards(AccessGuard)
@Roles('platform-admin', 'dealer-admin')
export class TerminalsController {
  constructor(private readonly client: MessageClient) {}

  @Post('dealers/:dealerId/terminals')
  register(
    @CurrentPrincipal() principal: Principal,
    @Param('dealerId', OrgIdPipe) dealerId: string,
    @Body() terminal: NewTerminal,
  ): Promise<RegisteredTerminal> {
    return this.client.request(RegisterTerminal, { principal, dealerId, terminal });
  }

  @Get('dealers/:dealerId/terminals')
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('dealerId', OrgIdPipe) dealerId: string,
  ): Promise<TerminalView[]> {
    return this.client.request(ListTerminals, { principal, dealerId });
  }

  @Post('terminals/:terminalId/block')
  @HttpCode(200)
  block(
    @CurrentPrincipal() principal: Principal,
    @Param('terminalId', OrgIdPipe) terminalId: string,
  ): Promise<TerminalView> {
    return this.client.request(BlockTerminal, { principal, terminalId });
  }

  @Post('terminals/:terminalId/unblock')
  @HttpCode(200)
  unblock(
    @CurrentPrincipal() principal: Principal,
    @Param('terminalId', OrgIdPipe) terminalId: string,
  ): Promise<TerminalView> {
    return this.client.request(UnblockTerminal, { principal, terminalId });
  }

  @Post('dealers/:dealerId/cashiers')
  createCashier(
    @CurrentPrincipal() principal: Principal,
    @Param('dealerId', OrgIdPipe) dealerId: string,
    @Body() cashier: NewCashier,
  ): Promise<CashierView> {
    return this.client.request(CreateCashier, { principal, dealerId, cashier });
  }

  @Get('dealers/:dealerId/cashiers')
  listCashiers(
    @CurrentPrincipal() principal: Principal,
    @Param('dealerId', OrgIdPipe) dealerId: string,
  ): Promise<CashierView[]> {
    return this.client.request(ListCashiers, { principal, dealerId });
  }
}
