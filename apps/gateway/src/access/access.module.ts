import { Global, Module } from '@nestjs/common';
import { SigningModule } from '../signing/signing.module';
import { AccessGuard } from './access.guard';
import { Admission } from './admission';
import { DeviceDirectory } from './device-directory';
import { KeyRing } from './key-ring';
import { RateLimiter } from './rate-limiter';
import { Revocations } from './revocations';
import { SessionVerifier } from './session-verifier';

/** Who is asking: signatures, sessions, roles, blocks and lockouts, and the rate limits. */
@Global()
@Module({
  imports: [SigningModule],
  providers: [AccessGuard, Admission, DeviceDirectory, KeyRing, RateLimiter, Revocations, SessionVerifier],
  exports: [
    AccessGuard,
    Admission,
    DeviceDirectory,
    KeyRing,
    RateLimiter,
    Revocations,
    SessionVerifier,
    SigningModule,
  ],
})
export class AccessModule {}
