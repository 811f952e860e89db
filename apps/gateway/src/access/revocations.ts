import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  CashierLocked,
  GetRevocations,
  TerminalBlocked,
  TerminalUnblocked,
  type CashierLockedEvent,
  type TerminalStateEvent,
} from '@tillpoint/contracts';
import { FanoutSubscriber, MessageClient } from '@tillpoint/messaging';
import type { HealthProbe } from '@tillpoint/runtime';
import { DeviceDirectory } from './device-directory';

const RELOAD_EVERY_MS = 1000;

/**
 * Which terminals are blocked and which cashiers locked, known to every gateway replica without a round
 * trip: loaded from auth at start (and after each reconnect, in case events were missed), then kept by
 * the fan-out events. Events heard while a load is under way are applied again on top of its answer.
 */
@Injectable()
export class Revocations implements OnApplicationBootstrap, OnApplicationShutdown, HealthProbe {
  readonly name = 'revocations';
  private readonly log = new Logger(Revocations.name);
  private blocked = new Set<string>();
  private locked = new Map<string, number>();
  private loaded = false;
  private heardDuringLoad?: Array<[string, object]>;
  private loading?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly client: MessageClient,
    private readonly fanout: FanoutSubscriber,
    private readonly devices: DeviceDirectory,
  ) {}

  onApplicationBootstrap(): void {
    const subscription = this.fanout.subscribe(
      [TerminalBlocked, TerminalUnblocked, CashierLocked],
      (name, event) => this.apply(name, event),
    );
    // After every (re)bind: events sent while we were away are lost, so start again from auth's view.
    subscription.onBound(() => {
      this.loading ??= this.load().finally(() => (this.loading = undefined));
    });
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  async check(): Promise<{ up: boolean; details?: Record<string, unknown> }> {
    return Promise.resolve(
      this.loaded
        ? { up: true }
        : { up: false, details: { message: 'blocked terminals not loaded from auth yet' } },
    );
  }

  isTerminalBlocked(terminalId: string): boolean {
    return this.blocked.has(terminalId);
  }

  isCashierLocked(cashierId: string, now = Date.now()): boolean {
    return (this.locked.get(cashierId) ?? 0) > now;
  }

  private apply(name: string, event: object): void {
    this.heardDuringLoad?.push([name, event]);
    if (name === CashierLocked.name) {
      const { cashierId, until } = event as CashierLockedEvent;
      this.locked.set(cashierId, Date.parse(until));
      return;
    }
    const { terminalId, deviceId } = event as TerminalStateEvent;
    if (name === TerminalBlocked.name) {
      this.blocked.add(terminalId);
      this.devices.drop(terminalId, deviceId);
    } else {
      this.blocked.delete(terminalId);
    }
  }

  private async load(): Promise<void> {
    this.heardDuringLoad = [];
    while (!this.stopped) {
      try {
        const snapshot = await this.client.request(GetRevocations, {}, { timeoutMs: 3000 });
        const heard = this.heardDuringLoad ?? [];
        this.heardDuringLoad = undefined;
        this.blocked = new Set(snapshot.blockedTerminals);
        this.locked = new Map(snapshot.lockedCashiers.map((c) => [c.cashierId, Date.parse(c.until)]));
        for (const [name, event] of heard) this.apply(name, event);
        this.loaded = true;
        return;
      } catch (error) {
        this.log.warn(
          `could not load blocked terminals from auth, trying again: ${(error as Error).message}`,
        );
        await new Promise((resolve) => setTimeout(resolve, RELOAD_EVERY_MS));
      }
    }
  }
}
