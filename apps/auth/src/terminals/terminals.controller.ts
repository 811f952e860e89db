import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ActivateTerminal,
  ActivationBody,
  BlockTerminal,
  DealerRef,
  DeviceLookupRequest,
  ListTerminals,
  LookupDevice,
  RegisterTerminal,
  RegisterTerminalRequest,
  TerminalRef,
  UnblockTerminal,
  type ActivatedTerminal,
  type DeviceView,
  type RegisteredTerminal,
  type TerminalView,
} from '@tillpoint/contracts';
import { TerminalsService } from './terminals.service';

@Controller()
export class TerminalsController {
  constructor(private readonly terminals: TerminalsService) {}

  @MessagePattern(RegisterTerminal.name)
  register(@Payload() request: RegisterTerminalRequest): Promise<RegisteredTerminal> {
    return this.terminals.register(request);
  }

  @MessagePattern(ActivateTerminal.name)
  activate(@Payload() request: ActivationBody): Promise<ActivatedTerminal> {
    return this.terminals.activate(request);
  }

  @MessagePattern(BlockTerminal.name)
  block(@Payload() request: TerminalRef): Promise<TerminalView> {
    return this.terminals.block(request);
  }

  @MessagePattern(UnblockTerminal.name)
  unblock(@Payload() request: TerminalRef): Promise<TerminalView> {
    return this.terminals.unblock(request);
  }

  @MessagePattern(ListTerminals.name)
  list(@Payload() request: DealerRef): Promise<TerminalView[]> {
    return this.terminals.list(request);
  }

  @MessagePattern(LookupDevice.name)
  lookup(@Payload() request: DeviceLookupRequest): Promise<DeviceView> {
    return this.terminals.lookup(request.deviceId);
  }
}
