import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HoldsService } from './holds.service';

const SWEEP_MS = 1000;

/** Voids holds past their deadline, every second, on every instance (they share the work with SKIP LOCKED). */
@Injectable()
export class HoldExpiryService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(HoldExpiryService.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(private readonly holds: HoldsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep().finally(() => (this.sweeping = undefined));
    }, SWEEP_MS);
  }

  private async sweep(): Promise<void> {
    try {
      let expired: number;
      do {
        expired = await this.holds.expire();
        if (expired > 0) this.logger.log(`expired ${expired} holds`);
      } while (expired > 0);
    } catch (error) {
      this.logger.warn(`hold expiry pass failed: ${(error as Error).message}`);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }
}
