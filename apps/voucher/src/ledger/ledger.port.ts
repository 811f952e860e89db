import { Injectable } from '@nestjs/common';
import {
  accountCode,
  CaptureHold,
  CreateHold,
  fromWireError,
  MAX_TRANSFERS_PER_POST,
  OpenAccount,
  PostTransfer,
  PostTransfers,
  VoidHold,
  type HoldView,
  type Leg,
  type PostTransferRequest,
  type TransferView,
} from '@tillpoint/contracts';
import { MessageClient } from '@tillpoint/messaging';
import { MicroBatcher, type Settled } from '@tillpoint/runtime';

/** What a sale posts: the dealer pays the cost, the operator is owed the value, the platform gives the commission. */
export interface SaleMoney {
  dealerId: string;
  operatorId: string;
  currency: string;
  amount: bigint;
  cost: bigint;
  commission: bigint;
}

/** The ledger as the sale saga uses it, over its `ledger.*.v1` commands. */
@Injectable()
export class LedgerPort {
  /** Accounts this process has opened (or is opening): a burst of first sales opens them once. */
  private readonly opened = new Map<string, Promise<void>>();

  /**
   * PIN sales' transfers that wait while earlier ones are on their way go to the ledger together, in one
   * message and one answer (DESIGN section 4): one broker round trip for a batch of sales, not one each.
   */
  private readonly saleTransfers = new MicroBatcher<PostTransferRequest, TransferView>(
    (transfers) => this.postTogether(transfers),
    { maxBatch: MAX_TRANSFERS_PER_POST, maxInFlight: 2 },
  );

  constructor(private readonly client: MessageClient) {}

  static holdId(saleId: string): string {
    return `sale:${saleId}`;
  }

  /** Opens `payable:<operator>:<CUR>` and `commission:<CUR>` once per process. */
  ensureAccounts(operatorId: string, currency: string): Promise<void> {
    const key = `${operatorId}:${currency}`;
    let opening = this.opened.get(key);
    if (!opening) {
      opening = Promise.all([
        this.client.request(OpenAccount, { kind: 'payable', owner: operatorId, currency }),
        this.client.request(OpenAccount, { kind: 'commission', currency }),
      ]).then(() => undefined);
      // A failure is forgotten, so the next sale tries again.
      opening.catch(() => this.opened.delete(key));
      this.opened.set(key, opening);
    }
    return opening;
  }

  hold(saleId: string, dealerId: string, cost: bigint, ttlMs?: number): Promise<HoldView> {
    return this.client.request(CreateHold, {
      holdId: LedgerPort.holdId(saleId),
      account: accountCode('float', '', dealerId),
      amount: cost,
      ttlMs,
    });
  }

  capture(saleId: string, money: SaleMoney): Promise<HoldView> {
    return this.client.request(CaptureHold, {
      holdId: LedgerPort.holdId(saleId),
      transferId: `sale:${saleId}`,
      legs: saleLegs(money, 1n),
    });
  }

  /** A PIN sale's money as one transfer (no hold: its PIN is taken); answers the float's balance after it. */
  async postSale(saleId: string, money: SaleMoney): Promise<bigint> {
    const float = accountCode('float', money.currency, money.dealerId);
    const posted = await this.saleTransfers.submit({
      transferId: `sale:${saleId}`,
      kind: 'sale',
      legs: saleLegs(money, 1n),
    });
    const available = posted.available?.[float];
    if (available === undefined) throw new Error(`the ledger did not answer the balance of ${float}`);
    return BigInt(available);
  }

  /** One transfer as before; several in one `PostTransfers`, each with its own answer or refusal. */
  private async postTogether(transfers: PostTransferRequest[]): Promise<Array<Settled<TransferView>>> {
    if (transfers.length === 1) {
      try {
        return [{ value: await this.client.request(PostTransfer, transfers[0]) }];
      } catch (error) {
        return [{ error }];
      }
    }
    // No answer at all (a timeout) rejects every sale of the batch: each is left for the sweeper.
    const { results } = await this.client.request(PostTransfers, { transfers });
    return results.map((result) =>
      'transfer' in result ? { value: result.transfer } : { error: fromWireError(result.error) },
    );
  }

  void(saleId: string): Promise<HoldView> {
    return this.client.request(VoidHold, { holdId: LedgerPort.holdId(saleId) });
  }

  /** The capture's legs turned around: the dealer gets its cost back. */
  refund(saleId: string, money: SaleMoney): Promise<TransferView> {
    return this.client.request(PostTransfer, {
      transferId: `refund:${saleId}`,
      kind: 'refund',
      legs: saleLegs(money, -1n),
      memo: `reversal of sale ${saleId}`,
    });
  }
}

function saleLegs(money: SaleMoney, sign: bigint): Leg[] {
  return [
    { account: accountCode('float', money.currency, money.dealerId), amount: -sign * money.cost },
    { account: accountCode('payable', money.currency, money.operatorId), amount: sign * money.amount },
    { account: accountCode('commission', money.currency), amount: -sign * money.commission },
  ].filter((leg) => leg.amount !== 0n);
}
