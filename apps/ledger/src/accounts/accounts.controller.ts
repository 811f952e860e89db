import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  ConfigureAccount,
  GetBalance,
  OpenAccount,
  type AccountView,
  ConfigureAccountRequest,
  GetBalanceRequest,
  OpenAccountRequest,
} from '@tillpoint/contracts';
import { MessageContext } from '@tillpoint/messaging';
import { AccountsService } from './accounts.service';

@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @MessagePattern(OpenAccount.name)
  open(@Payload() request: OpenAccountRequest, @Ctx() ctx: MessageContext): Promise<AccountView> {
    return this.accounts.open(request, ctx);
  }

  @MessagePattern(ConfigureAccount.name)
  configure(@Payload() request: ConfigureAccountRequest, @Ctx() ctx: MessageContext): Promise<AccountView> {
    return this.accounts.configure(request, ctx);
  }

  @MessagePattern(GetBalance.name)
  balance(@Payload() request: GetBalanceRequest): Promise<AccountView> {
    return this.accounts.balance(request.account, request.principal);
  }
}
