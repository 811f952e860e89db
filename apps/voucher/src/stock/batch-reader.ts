import { StockRowErrors, type StockRowError } from '@tillpoint/contracts';
import { checkDetail, isRowError, readHeader, type BatchFormat, type DetailRow } from './batch-rows';

/** Bad rows of a batch: all counted, the first `listed` kept for the answer (memory stays flat). */
export class RowErrors {
  readonly listed: StockRowError[] = [];
  count = 0;

  constructor(private readonly limit: number) {}

  /** How many more the answer can list. */
  get room(): number {
    return this.limit - this.listed.length;
  }

  add(error: StockRowError): void {
    this.count++;
    if (this.listed.length < this.limit) this.listed.push(error);
  }
}

/**
 * Reads a batch's records one at a time, in either format, and hands each good detail row on. It keeps
 * only counters, never the rows, so a million rows cost what a thousand do.
 */
export class BatchReader {
  format?: BatchFormat;
  details = 0;
  trailer?: { line: number; count: string };
  private broken = false;

  constructor(
    private readonly errors: RowErrors,
    private readonly today: string,
  ) {}

  /** The good detail row of this record, if it is one. */
  read(line: number, fields: string[]): DetailRow | undefined {
    if (this.broken) return undefined;
    if (!this.format) return this.header(fields);
    if (this.format.kind === 'csv') return this.detail(line, fields);
    if (this.trailer) {
      this.errors.add({ line, code: StockRowErrors.BAD_COLUMNS, message: 'a row after the trailer' });
      return undefined;
    }
    if (fields[0] === 'T' && fields.length === 2) {
      this.trailer = { line, count: fields[1] };
      return undefined;
    }
    if (fields[0] === 'D') return this.detail(line, fields.slice(1));
    this.errors.add({
      line,
      code: StockRowErrors.BAD_COLUMNS,
      message: 'expected a D| detail or T| trailer row',
    });
    return undefined;
  }

  /** What only the whole file can tell: a trailer that counts its rows, and at least one row. */
  finish(): void {
    if (this.broken) return;
    if (this.format?.kind === 'pipe') {
      if (!this.trailer) {
        this.errors.add({
          line: 0,
          code: StockRowErrors.TRAILER_MISMATCH,
          message: 'the T| trailer is missing',
        });
      } else if (this.trailer.count !== String(this.details)) {
        this.errors.add({
          line: this.trailer.line,
          code: StockRowErrors.TRAILER_MISMATCH,
          message: `the trailer counts ${this.trailer.count} rows, the batch has ${this.details}`,
        });
      }
    }
    if (this.details === 0) {
      this.errors.add({ line: 1, code: StockRowErrors.EMPTY_BATCH, message: 'the batch has no rows' });
    }
  }

  private header(fields: string[]): undefined {
    const format = readHeader(fields);
    if (isRowError(format)) {
      // Without a header the rows cannot be read: one error says why, the rest is not guessed at.
      this.errors.add(format);
      this.broken = true;
    } else {
      this.format = format;
    }
    return undefined;
  }

  private detail(line: number, fields: string[]): DetailRow | undefined {
    this.details++;
    const row = checkDetail(line, fields, this.today);
    if (isRowError(row)) {
      this.errors.add(row);
      return undefined;
    }
    return row;
  }
}
