import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { VoucherConfig } from '../config/voucher.config';
import { OperatorAdapter, type OperatorCall, type OperatorOutcome } from './operator-adapter';

/**
 * The built-in operator: an account ending in 999 is declined, one ending in 998 answers after
 * VOUCHER_SIMULATOR_SLOW_MS (15 s), any other succeeds with a reference. It remembers what it did only in
 * memory, so after a restart it knows nothing of a call the crash interrupted (which never completed).
 */
@Injectable()
export class SimulatorAdapter extends OperatorAdapter {
  private readonly done = new Map<string, OperatorOutcome>();

  constructor(private readonly config: VoucherConfig) {
    super();
  }

  async perform(call: OperatorCall): Promise<OperatorOutcome> {
    if (call.account.endsWith('998')) await new Promise((r) => setTimeout(r, this.config.simulatorSlowMs));
    const outcome: OperatorOutcome = call.account.endsWith('999')
      ? { status: 'declined', reason: 'the operator declined the account' }
      : { status: 'succeeded', operatorRef: this.reference(call.saleId) };
    this.done.set(call.saleId, outcome);
    return outcome;
  }

  enquire(saleId: string): Promise<OperatorOutcome> {
    return Promise.resolve(this.done.get(saleId) ?? { status: 'not-found' });
  }

  private reference(saleId: string): string {
    return `SIM-${createHash('sha256').update(saleId).digest('hex').slice(0, 12).toUpperCase()}`;
  }
}
