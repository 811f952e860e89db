import { Injectable, Logger } from '@nestjs/common';
import type { PostTransferRequest, TransferView } from '@tillpoint/contracts';
import { UnitOfWork } from '@tillpoint/messaging';
import { MicroBatcher, type Settled } from '@tillpoint/runtime';
import { watchFloat } from '../floats/float-watch';
import { JournalService, type TransferInput } from './journal.service';
import { translatePgError } from './pg-errors';

/** Transfers one transaction may carry: its float locks are held for the whole of it. */
const MAX_BATCH = 64;

/**
 * Balanced transfers between accounts: every PIN sale (one step, `sale:<id>`), its refund, settlements and
 * corrections. Transfers that arrive together are posted together, many in one transaction: a float
 * debited by a hundred terminals at once is locked and flushed to disk once per batch, not once per sale.
 * The caller's transfer id is the key of every retry, so a redelivered request finds its transfer.
 */
@Injectable()
export class TransfersService {
  private readonly log = new Logger(TransfersService.name);
  private readonly batcher = new MicroBatcher<TransferInput, TransferView>(
    (inputs) => this.postBatch(inputs),
    { maxBatch: MAX_BATCH, maxInFlight: 1 },
  );

  constructor(
    private readonly work: UnitOfWork,
    private readonly journal: JournalService,
  ) {}

  post(request: PostTransferRequest): Promise<TransferView> {
    return this.batcher.submit({
      transferId: request.transferId,
      kind: request.kind ?? 'transfer',
      legs: request.legs,
      memo: request.memo,
    });
  }

  private async postBatch(inputs: TransferInput[]): Promise<Array<Settled<TransferView>>> {
    try {
      return await this.work.run(async (tx) => {
        const outcomes = await this.journal.postMany(tx.manager, inputs);
        for (const outcome of outcomes) {
          for (const crossing of outcome.crossings ?? []) {
            await watchFloat(tx, crossing.account, crossing.before, crossing.after);
          }
        }
        return outcomes.map((outcome): Settled<TransferView> => {
          if (outcome.error) return { error: outcome.error };
          const available = Object.fromEntries(
            Object.entries(outcome.available).map(([code, amount]) => [code, amount.toString()]),
          );
          return { value: { ...outcome.transfer, available } };
        });
      });
    } catch (error) {
      // One transfer's database error (a concurrent first post of its id, a guard) must not fail the
      // others: each goes again in a transaction of its own, which gives it its own answer.
      if (inputs.length === 1) return [{ error: translatePgError(error) }];
      this.log.warn(`a batch of ${inputs.length} transfers failed (${String(error)}): posting each alone`);
      const alone: Array<Settled<TransferView>> = [];
      for (const input of inputs) alone.push(...(await this.postBatch([input])));
      return alone;
    }
  }
}
