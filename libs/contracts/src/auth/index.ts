import { CreateCashier, ListCashiers } from './cashiers';
import {
  CreateDealer,
  CreateOperator,
  GetDealer,
  ListDealers,
  ListOperators,
  UpdateDealer,
} from './organisations';
import { GetRevocations, GetSigningKeys, OpenSession } from './sessions';
import {
  ActivateTerminal,
  BlockTerminal,
  ListTerminals,
  LookupDevice,
  RegisterTerminal,
  UnblockTerminal,
} from './terminals';
import { CreateUser, ListUsers, Login } from './users';

export * from './auth.errors';
export * from './principal';
export * from './auth.events';
export * from './request-signing';
export * from './scoped';
export * from './organisations';
export * from './users';
export * from './terminals';
export * from './cashiers';
export * from './sessions';

/** Every command auth consumes. */
export const AUTH_COMMANDS = [
  CreateOperator,
  ListOperators,
  CreateDealer,
  UpdateDealer,
  GetDealer,
  ListDealers,
  CreateUser,
  ListUsers,
  Login,
  RegisterTerminal,
  ActivateTerminal,
  BlockTerminal,
  UnblockTerminal,
  ListTerminals,
  LookupDevice,
  CreateCashier,
  ListCashiers,
  OpenSession,
  GetSigningKeys,
  GetRevocations,
];
