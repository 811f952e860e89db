import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  GetRevocations,
  GetSigningKeys,
  OpenSession,
  OpenSessionRequest,
  type PublicJwk,
  type RevocationsView,
  type SessionView,
} from '@tillpoint/contracts';
import { SessionsService } from './sessions.service';
import { TokenIssuer } from './token-issuer';

@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly issuer: TokenIssuer,
  ) {}

  @MessagePattern(OpenSession.name)
  open(@Payload() request: OpenSessionRequest): Promise<SessionView> {
    return this.sessions.open(request);
  }

  @MessagePattern(GetSigningKeys.name)
  keys(): { keys: PublicJwk[] } {
    return { keys: this.issuer.keys };
  }

  @MessagePattern(GetRevocations.name)
  revocations(): Promise<RevocationsView> {
    return this.sessions.revocations();
  }
}
