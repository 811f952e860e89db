import { Injectable } from '@nestjs/common';
import {
  DomainError,
  isDomainError,
  VoucherErrors,
  type CreateSaleRequest,
  type GetSaleRequest,
  type Principal,
  type SaleView,
} from '@tillpoint/contracts';
import { UnitOfWork } from '@tillpoint/messaging';
import { PinCipher } from '@tillpoint/runtime';
import { randomUUID } from 'node:crypto';
import { CatalogService } from '../catalog/catalog.service';
import { priceSale, requestHash, type PricedSale } from './sale-request';
import { SaleSaga } from './sale-saga';
import { saleView } from './sale-view';
import type { SaleRow } from './sale.row';
import { SalesRepository } from './sales.repository';
import { canRead } from './sale-scope';

/** How long a repeat waits for the first request's sale to become final before answering it as it stands. */
const REPEAT_WAIT_MS = 8000;
const REPEAT_POLL_MS = 25;

/** Sales: idempotent creation on (terminal, client reference) and the status enquiry. */
@Injectable()
export class SalesService {
  constructor(
    private readonly sales: SalesRepository,
    private readonly saga: SaleSaga,
    private readonly catalog: CatalogService,
    private readonly work: UnitOfWork,
    private readonly cipher: PinCipher,
  ) {}

  async create(request: CreateSaleRequest): Promise<SaleView> {
    checkSeller(request);
    let priced: PricedSale;
    try {
      priced = await this.price(request);
    } catch (error) {
      // A catalog change since the first request must not turn a plain retry into a refusal.
      const first = isDomainError(error)
        ? await this.sales.byRef(request.seller.terminalId, request.clientRef)
        : undefined;
      if (!first) throw error;
      return this.repeat(request, requestHash(request));
    }
    // New sales arriving together share a transaction: SKIP LOCKED keeps their PINs apart.
    const row = await this.work.runShared(({ manager }) =>
      this.sales.open(randomUUID(), request, priced, manager),
    );
    if (!row) return this.repeat(request, priced.requestHash);
    return saleView(await this.saga.run(row), this.cipher);
  }

  async get(request: GetSaleRequest): Promise<SaleView> {
    const { principal } = request;
    const row =
      principal.role === 'terminal'
        ? request.clientRef && (await this.sales.byRef(principal.terminalId ?? '', request.clientRef))
        : request.saleId && (await this.sales.byId(request.saleId));
    if (!row || !canRead(principal, row)) throw new DomainError(VoucherErrors.SALE_NOT_FOUND, 'no such sale');
    return saleView(row, principal.role === 'terminal' ? this.cipher : undefined);
  }

  private async price(request: CreateSaleRequest): Promise<PricedSale> {
    const catalog = this.catalog.current;
    if (!catalog) throw new DomainError(VoucherErrors.UNKNOWN_PRODUCT, 'no catalog has been published');
    const quoted = request.catalogVersion ? await this.catalog.version(request.catalogVersion) : undefined;
    if (request.catalogVersion && !quoted) {
      throw new DomainError(
        VoucherErrors.UNKNOWN_CATALOG_VERSION,
        `no catalog version ${request.catalogVersion}`,
      );
    }
    return priceSale(request, catalog, quoted);
  }

  /** The same reference again: the same request gets the sale (once final), another one a conflict. */
  private async repeat(request: CreateSaleRequest, hash: string): Promise<SaleView> {
    const until = Date.now() + REPEAT_WAIT_MS;
    for (;;) {
      const row: SaleRow | undefined = await this.sales.byRef(request.seller.terminalId, request.clientRef);
      if (!row) throw new DomainError(VoucherErrors.SALE_NOT_FOUND, 'the sale vanished');
      if (row.request_hash !== hash) {
        throw new DomainError(
          VoucherErrors.IDEMPOTENCY_CONFLICT,
          `${request.clientRef} was used for another sale`,
        );
      }
      if (row.state !== 'PENDING' || Date.now() >= until) return saleView(row, this.cipher);
      await new Promise((resolve) => setTimeout(resolve, REPEAT_POLL_MS));
    }
  }
}

/** A sale is sold by a terminal session, for the terminal and dealer its session names. */
function checkSeller({ principal, seller }: CreateSaleRequest): void {
  const own = (p: Principal) =>
    p.role === 'terminal' && p.terminalId === seller.terminalId && p.dealerId === seller.dealerId;
  if (!own(principal)) {
    throw new DomainError(
      VoucherErrors.FORBIDDEN,
      'a sale is made by a terminal session for its own terminal',
    );
  }
}
