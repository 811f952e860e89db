import { Injectable, Logger } from '@nestjs/common';
import {
  isDomainError,
  LedgerErrors,
  SaleCompleted,
  VoucherErrors,
  type HoldView,
} from '@tillpoint/contracts';
import { UnitOfWork } from '@tillpoint/messaging';
import { CatalogService } from '../catalog/catalog.service';
import { VoucherConfig } from '../config/voucher.config';
import { LedgerPort, type SaleMoney } from '../ledger/ledger.port';
import { OperatorAdapter, type OperatorOutcome } from '../operators/operator-adapter';
import { saleReceipt } from './sale-view';
import type { SaleRow } from './sale.row';
import { SalesRepository } from './sales.repository';

const codeOf = (error: unknown) => (isDomainError(error) ? error.code : undefined);

/** The sale's failure when the ledger refused its money for good (no float, or not enough on it). */
function floatRefusal(error: unknown): string | undefined {
  const code = codeOf(error);
  if (code === LedgerErrors.INSUFFICIENT_FUNDS) return VoucherErrors.INSUFFICIENT_FLOAT;
  if (code === LedgerErrors.ACCOUNT_NOT_FOUND) return VoucherErrors.NO_FLOAT;
  return undefined;
}

/**
 * The steps of a sale after its row exists (DESIGN section 4). A PIN sale has its PIN already (taken with
 * the row), so nothing outside can fail it any more: the dealer's cost is posted as one balanced transfer
 * (`sale:<id>`, no hold), then COMPLETED and the event are written in one statement. A top-up or bill
 * holds the cost, calls the operator, and captures the hold as the transfer. Every failure voids what was
 * held and puts a reserved PIN back; what cannot be settled now stays PENDING with its step recorded, for
 * the sweeper, which posts a PIN sale's transfer again (the same id: posted at most once).
 */
@Injectable()
export class SaleSaga {
  private readonly log = new Logger(SaleSaga.name);

  constructor(
    private readonly sales: SalesRepository,
    private readonly ledger: LedgerPort,
    private readonly operator: OperatorAdapter,
    private readonly work: UnitOfWork,
    private readonly config: VoucherConfig,
    private readonly catalog: CatalogService,
  ) {}

  /** Runs a new sale as far as it goes; answers the sale as it then stands. */
  async run(row: SaleRow): Promise<SaleRow> {
    if (row.state !== 'PENDING') return row;
    if (row.kind === 'pin') return this.post(row);
    const held = await this.hold(row);
    if (!held) return this.reload(row.id);
    const outcome = await this.callOperator(row);
    if (outcome.status !== 'succeeded') return this.afterOperator(row, outcome);
    await this.sales.step(row.id, 'operator-done', outcome.operatorRef);
    return this.capture(row);
  }

  /** Settles a sale a crash (or a lost answer) left PENDING: capture what the operator did, void the rest. */
  async settle(row: SaleRow): Promise<SaleRow> {
    if (row.state !== 'PENDING') return row;
    if (row.kind === 'pin') return this.post(row);
    if (row.step === 'operator-done') return this.capture(row);
    if (row.step === 'held') {
      const outcome = await this.operator.enquire(row.id);
      if (outcome.status === 'succeeded') {
        await this.sales.step(row.id, 'operator-done', outcome.operatorRef);
        return this.capture(row);
      }
      return this.afterOperator(row, outcome);
    }
    return this.compensate(row, VoucherErrors.ABANDONED);
  }

  /** A PIN sale's money in one transfer; a refusal fails it (PIN back), no answer leaves it to the sweeper. */
  private async post(row: SaleRow): Promise<SaleRow> {
    let available: bigint;
    try {
      await this.ledger.ensureAccounts(row.operator_id, row.currency);
      available = await this.ledger.postSale(row.id, saleMoney(row));
    } catch (error) {
      const refused = floatRefusal(error);
      if (refused) await this.fail(row.id, refused);
      else
        this.log.warn(
          `posting sale ${row.id} not confirmed (${codeOf(error) ?? String(error)}): left for the sweeper`,
        );
      return this.reload(row.id);
    }
    return this.finish(row, available);
  }

  private async hold(row: SaleRow): Promise<boolean> {
    try {
      await this.ledger.ensureAccounts(row.operator_id, row.currency);
      const ttlMs = Math.min(this.config.operatorTimeoutMs + 300_000, 900_000);
      await this.ledger.hold(row.id, row.dealer_id, BigInt(row.cost), ttlMs);
    } catch (error) {
      const refused = floatRefusal(error);
      if (refused) await this.fail(row.id, refused);
      else await this.compensate(row, VoucherErrors.ABANDONED);
      return false;
    }
    await this.sales.step(row.id, 'held');
    return true;
  }

  private async callOperator(row: SaleRow): Promise<OperatorOutcome> {
    const product = (await this.catalog.version(row.catalog_version))?.products.get(row.sku);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<OperatorOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'unknown' }), this.config.operatorTimeoutMs);
    });
    try {
      const call = { saleId: row.id, product: product!, account: row.account, amount: BigInt(row.amount) };
      return await Promise.race([this.operator.perform(call), late]);
    } catch (error) {
      this.log.warn(`operator call for sale ${row.id} failed: ${String(error)}`);
      return { status: 'unknown' };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Declined or never done: void and fail. Unknown: leave it PENDING for an enquiry later. */
  private async afterOperator(row: SaleRow, outcome: OperatorOutcome): Promise<SaleRow> {
    if (outcome.status === 'unknown' || outcome.status === 'succeeded') return this.reload(row.id);
    const code = outcome.status === 'declined' ? VoucherErrors.OPERATOR_DECLINED : VoucherErrors.ABANDONED;
    return this.compensate(row, code);
  }

  private async capture(row: SaleRow): Promise<SaleRow> {
    let view: HoldView;
    try {
      view = await this.ledger.capture(row.id, saleMoney(row));
    } catch (error) {
      const code = codeOf(error);
      // Only a hold that is gone for good ends the sale here; anything else is tried again by the sweeper.
      if (code === LedgerErrors.HOLD_NOT_OPEN || code === LedgerErrors.HOLD_NOT_FOUND) {
        if (row.step === 'operator-done') this.log.error(`sale ${row.id}: operator done but hold lost`);
        await this.fail(row.id, VoucherErrors.ABANDONED);
      } else {
        this.log.warn(
          `capture of sale ${row.id} not confirmed (${code ?? String(error)}): left for the sweeper`,
        );
      }
      return this.reload(row.id);
    }
    // The operator's reference was recorded since `row` was read.
    return this.finish(await this.reload(row.id), BigInt(view.available));
  }

  /** COMPLETED with the balance the ledger answered, and its event, in one statement. */
  private async finish(row: SaleRow, after: bigint): Promise<SaleRow> {
    if (row.state !== 'PENDING') return row;
    const now = new Date();
    const done: SaleRow = {
      ...row,
      state: 'COMPLETED',
      completed_at: now,
      updated_at: now,
      balance_before: (after + BigInt(row.cost)).toString(),
      balance_after: after.toString(),
    };
    const event = this.work.outboxRow(SaleCompleted, { receipt: saleReceipt(done) });
    // Completions arriving together share a transaction (one flush to disk for many sales).
    const completed = await this.work.runShared(({ manager }) => this.sales.complete(done, event, manager));
    if (!completed) return this.reload(row.id);
    this.work.published();
    return done;
  }

  /** Voids the hold (if any) and fails the sale; a hold the ledger says was captured completes it instead. */
  private async compensate(row: SaleRow, code: string): Promise<SaleRow> {
    try {
      await this.ledger.void(row.id);
    } catch (error) {
      const why = codeOf(error);
      if (why === LedgerErrors.HOLD_NOT_OPEN) return this.capture(row);
      if (why !== LedgerErrors.HOLD_NOT_FOUND) {
        this.log.warn(`void of sale ${row.id} not confirmed (${why ?? String(error)}): left for the sweeper`);
        return this.reload(row.id);
      }
    }
    await this.fail(row.id, code);
    return this.reload(row.id);
  }

  private async fail(id: string, code: string): Promise<void> {
    await this.work.run(({ manager }) => this.sales.fail(manager, id, code));
  }

  private async reload(id: string): Promise<SaleRow> {
    return (await this.sales.byId(id))!;
  }
}

/** The money of a sale as the ledger posts it. */
export function saleMoney(row: SaleRow): SaleMoney {
  return {
    dealerId: row.dealer_id,
    operatorId: row.operator_id,
    currency: row.currency,
    amount: BigInt(row.amount),
    cost: BigInt(row.cost),
    commission: BigInt(row.commission),
  };
}
