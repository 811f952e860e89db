import { Body, Controller, Delete, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { Login, LoginRequest, type SessionView } from '@tillpoint/contracts';
import { ApiTags } from '@nestjs/swagger';
import { MessageClient } from '@tillpoint/messaging';
import { CurrentSession, Open } from '../access/access.decorators';
import { AccessGuard } from '../access/access.guard';
import { Problems } from '../docs/api-docs';
import { RateLimiter } from '../access/rate-limiter';
import { SessionVerifier, type Session } from '../access/session-verifier';
import { GatewayConfig } from '../config/gateway.config';

/** Back-office login and logout, and `GET /me` for every session (a terminal's must be signed). */
@ApiTags('sessions')
@Problems(403, 404, 409, 422)
@Controller()
@UseGuards(AccessGuard)
export class SessionController {
  constructor(
    private readonly client: MessageClient,
    private readonly limits: RateLimiter,
    private readonly sessions: SessionVerifier,
    private readonly config: GatewayConfig,
  ) {}

  @Post('auth/login')
  @Open()
  @HttpCode(200)
  async login(@Body() body: LoginRequest): Promise<SessionView> {
    await this.limits.hit('login', body.username.toLowerCase(), this.config.loginRatePerMin);
    return this.client.request(Login, body);
  }

  @Delete('auth/sessions/current')
  @HttpCode(204)
  async logout(@CurrentSession() session: Session): Promise<void> {
    await this.sessions.end(session);
  }

  @Get('me')
  me(@CurrentSession() session: Session) {
    return {
      principal: session.principal,
      ...(session.seller ? { seller: session.seller } : {}),
      expiresAt: new Date(session.exp * 1000).toISOString(),
    };
  }
}
