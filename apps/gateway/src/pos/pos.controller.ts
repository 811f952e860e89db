import { Body, Controller, Delete, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ActivateTerminal,
  ActivationBody,
  CashierLoginBody,
  OpenSession,
  type ActivatedTerminal,
  type DeviceView,
  type SessionView,
} from '@tillpoint/contracts';
import { ApiTags } from '@nestjs/swagger';
import { MessageClient } from '@tillpoint/messaging';
import { CurrentDevice, CurrentSession, Open, Pos, Signed } from '../access/access.decorators';
import { AccessGuard } from '../access/access.guard';
import { Problems } from '../docs/api-docs';
import { RateLimiter } from '../access/rate-limiter';
import type { Session } from '../access/session-verifier';
import { SessionVerifier } from '../access/session-verifier';
import { GatewayConfig } from '../config/gateway.config';

/** What a terminal does before and around selling: activate itself, log its cashiers in and out. */
@ApiTags('pos')
@Problems(403, 404, 409, 422)
@Controller('pos')
@UseGuards(AccessGuard)
export class PosController {
  constructor(
    private readonly client: MessageClient,
    private readonly limits: RateLimiter,
    private readonly sessions: SessionVerifier,
    private readonly config: GatewayConfig,
  ) {}

  /** Activation code and serial, once, for the device id and secret that sign every later request. */
  @Post('activation')
  @Open()
  async activate(@Body() body: ActivationBody): Promise<ActivatedTerminal> {
    await this.limits.hit('activation', body.serial, this.config.loginRatePerMin);
    return this.client.request(ActivateTerminal, body);
  }

  /** A cashier logs in on this terminal; several of its dealer's cashiers may be logged in at once. */
  @Post('sessions')
  @Signed()
  async login(@Body() body: CashierLoginBody, @CurrentDevice() device: DeviceView): Promise<SessionView> {
    await this.limits.hit(
      'cashier-login',
      `${device.terminalId}:${body.cashierId}`,
      this.config.loginRatePerMin,
    );
    return this.client.request(OpenSession, { ...body, deviceId: device.deviceId });
  }

  @Delete('sessions/current')
  @Pos()
  @HttpCode(204)
  async logout(@CurrentSession() session: Session): Promise<void> {
    await this.sessions.end(session);
  }
}
