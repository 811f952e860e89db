import { IsOptional, IsString, MaxLength } from 'class-validator';
import { defineCommand, type CommandContract } from '../messaging/contract';
import type { ServiceName } from './service-name';

export class PingRequest {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export interface PingReply {
  service: ServiceName;
  instance: string;
  note?: string;
}

const pings = new Map<ServiceName, CommandContract<PingRequest, PingReply>>();

/**
 * `<service>.health.ping.v1`: produced by the on-call tooling and the tests, consumed by that service.
 * Answers once the service's consumers are attached, so it proves the whole request/reply path.
 */
export function pingOf(service: ServiceName): CommandContract<PingRequest, PingReply> {
  let contract = pings.get(service);
  if (!contract) {
    contract = defineCommand<PingRequest, PingReply>(`${service}.health.ping.v1`, PingRequest);
    pings.set(service, contract);
  }
  return contract;
}
