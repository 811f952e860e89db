import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { defineCommand } from '../messaging/contract';
import { ORG_ID } from './principal';
import { ScopedRequest } from './scoped';
import type { SessionView } from './sessions';

// Auth: back-office users and their login. Produced by the gateway; consumed by auth.

export const USERNAME = /^[a-z0-9][a-z0-9._@-]{2,63}$/;
export const BACK_OFFICE_ROLES = ['platform-admin', 'operator', 'dealer-admin'] as const;
export type BackOfficeRole = (typeof BACK_OFFICE_ROLES)[number];

export class NewUser {
  @Matches(USERNAME)
  username: string;

  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password: string;

  @IsIn(BACK_OFFICE_ROLES)
  role: BackOfficeRole;

  /** `operator`: the operator whose products, stock and sales the user sees. */
  @IsOptional()
  @Matches(ORG_ID)
  operatorId?: string;

  /** `dealer-admin`: the dealer whose subtree the user administers. */
  @IsOptional()
  @Matches(ORG_ID)
  dealerId?: string;
}

export class CreateUserRequest extends ScopedRequest {
  @ValidateNested()
  @Type(() => NewUser)
  user: NewUser;
}

export interface UserView {
  id: string;
  username: string;
  role: BackOfficeRole;
  operatorId?: string;
  dealerId?: string;
}

export class LoginRequest {
  @IsString()
  @MaxLength(64)
  username: string;

  @IsString()
  @MaxLength(200)
  password: string;
}

export const CreateUser = defineCommand<CreateUserRequest, UserView>(
  'auth.user.create.v1',
  CreateUserRequest,
);
/** The users the principal administers: all for a platform admin, its subtree's dealer-admins for a dealer-admin. */
export const ListUsers = defineCommand<ScopedRequest, UserView[]>('auth.user.list.v1', ScopedRequest);
/** A back-office login: a session token carrying the user's role and scope. */
export const Login = defineCommand<LoginRequest, SessionView>('auth.user.login.v1', LoginRequest);
