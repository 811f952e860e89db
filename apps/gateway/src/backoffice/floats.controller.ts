import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GetBalance,
  GetDealer,
  GetStatement,
  OpenAccount,
  TopUpFloat,
  type AccountView,
  type Principal,
  type StatementPage,
  type TransferView,
} from '@tillpoint/contracts';
import { MessageClient } from '@tillpoint/messaging';
import { randomUUID } from 'node:crypto';
import { CurrentPrincipal, Roles } from '../access/access.decorators';
import { AccessGuard } from '../access/access.guard';
import { Answer, Problems } from '../docs/api-docs';
import { OrgIdPipe } from '../http/params';
import { StatementQuery, TopUpBody } from './backoffice.bodies';

/** Dealers' floats: the ledger keeps them, auth knows the dealer and its currency. */
@ApiBearerAuth('session')
@ApiTags('floats')
@Controller('admin/floats')
@UseGuards(AccessGuard)
export class FloatsController {
  constructor(private readonly client: MessageClient) {}

  /**
   * Opens the float first (idempotent in the ledger), so a top-up right after the dealer was created
   * does not depend on auth's event having reached the ledger yet.
   */
  @Post(':dealerId/topups')
  @Roles('platform-admin')
  @ApiOperation({ summary: "Top up a dealer's float (idempotent on transferId)" })
  @Answer(201, 'TransferView')
  @Problems(403, 404, 409, 422)
  async topUp(
    @CurrentPrincipal() principal: Principal,
    @Param('dealerId', OrgIdPipe) dealerId: string,
    @Body() body: TopUpBody,
  ): Promise<TransferView> {
    const dealer = await this.client.request(GetDealer, { principal, dealerId });
    await this.client.request(OpenAccount, { kind: 'float', owner: dealerId, currency: dealer.currency });
    return this.client.request(TopUpFloat, {
      transferId: body.transferId ?? `topup-${randomUUID()}`,
      account: `float:${dealerId}`,
      amount: body.amount,
      actor: principal.subject,
      reason: body.reason,
    });
  }

  @Get(':dealerId')
  @Roles('platform-admin', 'dealer-admin')
  @ApiOperation({ summary: "A dealer's float balance" })
  @Answer(200, 'AccountView')
  @Problems(403, 404)
  balance(
    @CurrentPrincipal() principal: Principal,
    @Param('dealerId', OrgIdPipe) dealerId: string,
  ): Promise<AccountView> {
    return this.client.request(GetBalance, { principal, account: `float:${dealerId}` });
  }

  @Get(':dealerId/statement')
  @Roles('platform-admin', 'dealer-admin')
  @ApiOperation({ summary: "A dealer's float statement, a page at a time" })
  @Answer(200, 'StatementPage: {account, currency, lines, next}')
  @Problems(403, 404)
  statement(
    @CurrentPrincipal() principal: Principal,
    @Param('dealerId', OrgIdPipe) dealerId: string,
    @Query() query: StatementQuery,
  ): Promise<StatementPage> {
    return this.client.request(GetStatement, { principal, account: `float:${dealerId}`, ...query });
  }
}
