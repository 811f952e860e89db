import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { Principal } from './principal';

// Auth: the base of every command sent on someone's behalf. Produced by the gateway from a verified
// session; the consuming service filters what it reads and changes by it.
export class ScopedRequest {
  @ValidateNested()
  @Type(() => Principal)
  principal: Principal;
}
