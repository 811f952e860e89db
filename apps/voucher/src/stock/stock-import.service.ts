import { Injectable } from '@nestjs/common';
import {
  DomainError,
  StockRowErrors,
  VoucherErrors,
  type Principal,
  type StockBatchView,
} from '@tillpoint/contracts';
import { UnitOfWork } from '@tillpoint/messaging';
import { PinCipher } from '@tillpoint/runtime';
import { parse } from 'csv-parse';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { CatalogService } from '../catalog/catalog.service';
import type { Product } from '../catalog/catalog.model';
import { VoucherConfig } from '../config/voucher.config';
import { PinHasher } from '../pins/pin-hasher';
import { BatchReader, RowErrors } from './batch-reader';
import type { DetailRow, PipeHeader } from './batch-rows';
import { crossCheck, STAGING_TABLE } from './stock-staging';

const FLUSH_ROWS = 1000;

/**
 * Imports a PIN batch as it streams in: rows are checked, sealed and written to a staging table in chunks,
 * checked against each other and the stock in SQL, then moved into stock, all in one transaction. One bad
 * row refuses the whole batch, and the answer names the bad rows.
 */
@Injectable()
export class StockImportService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly catalog: CatalogService,
    private readonly cipher: PinCipher,
    private readonly hasher: PinHasher,
    private readonly config: VoucherConfig,
  ) {}

  async import(input: Readable, principal: Principal, sku?: string): Promise<StockBatchView> {
    if (principal.role !== 'platform-admin' && principal.role !== 'operator') {
      throw new DomainError(VoucherErrors.FORBIDDEN, 'only an operator or a platform admin loads stock');
    }
    // Refused before a single row is read when the uploader names another operator's product.
    const named = sku ? this.catalog.current?.products.get(sku) : undefined;
    if (named && principal.role === 'operator' && principal.operatorId !== named.operatorId) {
      throw new DomainError(VoucherErrors.FORBIDDEN, `${named.sku} is not this operator's product`);
    }
    return this.work.run(async ({ manager }) => {
      await manager.query(STAGING_TABLE);
      const errors = new RowErrors(this.config.batchErrorsListed);
      const reader = await this.stream(input, manager, errors);
      const product = this.productOf(reader, principal, errors, sku);
      if (errors.count === 0) await crossCheck(manager, product!.operatorId, errors);
      if (errors.count > 0) {
        throw new DomainError(VoucherErrors.BATCH_REFUSED, `the batch is refused: ${errors.count} bad rows`, {
          errors: errors.listed,
          errorCount: errors.count,
        });
      }
      return this.store(manager, product!, reader, principal.subject);
    });
  }

  private async stream(input: Readable, manager: EntityManager, errors: RowErrors): Promise<BatchReader> {
    const reader = new BatchReader(errors, new Date().toISOString().slice(0, 10));
    const parser = input.pipe(
      parse({
        bom: true,
        delimiter: [',', '|'],
        relax_column_count: true,
        skip_empty_lines: true,
        info: true,
      }),
    );
    let chunk: DetailRow[] = [];
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: string[];
        info: { lines: number };
      }>) {
        const row = reader.read(info.lines, record);
        if (row && errors.count === 0) chunk.push(row);
        if (chunk.length >= FLUSH_ROWS) {
          await this.flush(manager, chunk);
          chunk = [];
        }
      }
    } catch (error) {
      // csv-parse stops at the first line it cannot read (an unclosed quote): that line is the error.
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('CSV_')) throw error;
      const line = Number((error as { lines?: unknown }).lines) || 0;
      errors.add({
        line,
        code: StockRowErrors.BAD_COLUMNS,
        message: `the file cannot be read here (${code})`,
      });
    }
    if (errors.count === 0) await this.flush(manager, chunk);
    reader.finish();
    return reader;
  }

  /** Seals a chunk and writes it to staging in one statement. */
  private async flush(manager: EntityManager, chunk: DetailRow[]): Promise<void> {
    if (chunk.length === 0) return;
    const sealed = chunk.map((row) => this.cipher.seal(row.pin));
    await manager.query(
      `INSERT INTO stock_staging (line, serial, pin_hash, key_id, sealed, expires_on)
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[])`,
      [
        chunk.map((row) => row.line),
        chunk.map((row) => row.serial),
        chunk.map((row) => this.hasher.hash(row.pin)),
        sealed.map((s) => s.keyId),
        sealed.map((s) => s.sealed),
        chunk.map((row) => row.expiresOn),
      ],
    );
  }

  /** The batch's product: the pipe header's or the uploader's; it must be a PIN product the uploader may load. */
  private productOf(
    reader: BatchReader,
    principal: Principal,
    errors: RowErrors,
    sku?: string,
  ): Product | undefined {
    const header = reader.format?.kind === 'pipe' ? reader.format.header : undefined;
    const chosen = header?.sku ?? sku;
    const product = chosen ? this.catalog.current?.products.get(chosen) : undefined;
    if (!reader.format) return product;
    if (!product || product.kind !== 'pin' || (sku && header && sku !== header.sku)) {
      const message = `${chosen ?? 'no sku'} is not a PIN product here`;
      errors.add({ line: 1, code: StockRowErrors.BAD_PRODUCT, message });
      return undefined;
    }
    if (principal.role === 'operator' && principal.operatorId !== product.operatorId) {
      throw new DomainError(VoucherErrors.FORBIDDEN, `${product.sku} is not this operator's product`);
    }
    if (header) checkHeader(header, product, errors);
    return product;
  }

  private async store(
    manager: EntityManager,
    product: Product,
    reader: BatchReader,
    actor: string,
  ): Promise<StockBatchView> {
    const batchId = randomUUID();
    const batchRef = reader.format?.kind === 'pipe' ? reader.format.header.batchRef : null;
    await manager.query(
      `INSERT INTO stock_batches (id, sku, operator_id, batch_ref, rows, actor) VALUES ($1, $2, $3, $4, $5, $6)`,
      [batchId, product.sku, product.operatorId, batchRef, reader.details, actor],
    );
    await manager.query(
      `INSERT INTO pins (sku, operator_id, batch_id, serial, pin_hash, key_id, sealed, expires_on)
       SELECT $1, $2, $3, serial, pin_hash, key_id, sealed, expires_on FROM stock_staging ORDER BY line`,
      [product.sku, product.operatorId, batchId],
    );
    return { batchId, sku: product.sku, operatorId: product.operatorId, batchRef, rows: reader.details };
  }
}

/** A pipe header must name the product's operator, face value and currency. */
function checkHeader(header: PipeHeader, product: Product, errors: RowErrors): void {
  if (header.operatorId !== product.operatorId) {
    const message = `${product.sku} is not ${header.operatorId}'s`;
    errors.add({ line: 1, code: StockRowErrors.BAD_PRODUCT, message });
  }
  if (header.faceValue !== String(product.faceValue) || header.currency !== product.currency) {
    errors.add({
      line: 1,
      code: StockRowErrors.FACE_VALUE_MISMATCH,
      message: `the header says ${header.faceValue} ${header.currency}, ${product.sku} is ${product.faceValue} ${product.currency}`,
    });
  }
}
