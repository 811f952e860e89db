import { Injectable } from '@nestjs/common';
import { AuthErrors, isDomainError, LookupDevice, type DeviceView } from '@tillpoint/contracts';
import { MessageClient } from '@tillpoint/messaging';
import { GatewayConfig } from '../config/gateway.config';

/** Activated devices' secrets, asked of auth and kept briefly in memory; a block drops them at once. */
@Injectable()
export class DeviceDirectory {
  private readonly cache = new Map<string, { device: DeviceView; until: number }>();

  constructor(
    private readonly client: MessageClient,
    private readonly config: GatewayConfig,
  ) {}

  /** The device, or undefined if auth knows no active, unblocked terminal by this id. */
  async find(deviceId: string): Promise<DeviceView | undefined> {
    const cached = this.cache.get(deviceId);
    if (cached && cached.until > Date.now()) return cached.device;
    try {
      const device = await this.client.request(LookupDevice, { deviceId }, { timeoutMs: 2000 });
      this.cache.set(deviceId, { device, until: Date.now() + this.config.deviceCacheMs });
      return device;
    } catch (error) {
      if (isDomainError(error) && error.code === AuthErrors.UNKNOWN_DEVICE) return undefined;
      throw error;
    }
  }

  /** Forgets a terminal's device (on block), whichever id names it. */
  drop(terminalId: string, deviceId?: string): void {
    if (deviceId) this.cache.delete(deviceId);
    for (const [id, entry] of this.cache) if (entry.device.terminalId === terminalId) this.cache.delete(id);
  }
}
