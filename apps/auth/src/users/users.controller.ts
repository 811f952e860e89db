import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateUser,
  CreateUserRequest,
  ListUsers,
  ScopedRequest,
  Login,
  LoginRequest,
  type SessionView,
  type UserView,
} from '@tillpoint/contracts';
import { UsersService } from './users.service';

@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @MessagePattern(CreateUser.name)
  create(@Payload() request: CreateUserRequest): Promise<UserView> {
    return this.users.create(request);
  }

  @MessagePattern(ListUsers.name)
  list(@Payload() request: ScopedRequest): Promise<UserView[]> {
    return this.users.list(request);
  }

  @MessagePattern(Login.name)
  login(@Payload() request: LoginRequest): Promise<SessionView> {
    return this.users.login(request);
  }
}
