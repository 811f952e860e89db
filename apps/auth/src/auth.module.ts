import { Module } from '@nestjs/common';
import { CashiersController } from './cashiers/cashiers.controller';
import { CashiersService } from './cashiers/cashiers.service';
import { DealersService } from './organisations/dealers.service';
import { OperatorsService } from './organisations/operators.service';
import { OrganisationsController } from './organisations/organisations.controller';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsService } from './sessions/sessions.service';
import { TokenIssuer } from './sessions/token-issuer';
import { TerminalsController } from './terminals/terminals.controller';
import { TerminalsService } from './terminals/terminals.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/** Organisations, users, terminals, cashiers and sessions: the auth service's features. */
@Module({
  controllers: [
    OrganisationsController,
    UsersController,
    TerminalsController,
    CashiersController,
    SessionsController,
  ],
  providers: [
    OperatorsService,
    DealersService,
    UsersService,
    TerminalsService,
    CashiersService,
    SessionsService,
    TokenIssuer,
  ],
})
export class AuthModule {}
