import { StockRowErrors, type StockRowError } from '@tillpoint/contracts';

/** The header of a pipe batch: `H|operator|batch|sku|faceValue|currency|created`. */
export interface PipeHeader {
  operatorId: string;
  batchRef: string;
  sku: string;
  faceValue: string;
  currency: string;
}

export type BatchFormat = { kind: 'csv' } | { kind: 'pipe'; header: PipeHeader };

export interface DetailRow {
  line: number;
  serial: string;
  pin: string;
  expiresOn: string;
}

const SERIAL = /^[A-Za-z0-9-]{1,64}$/;
const PIN = /^[0-9]{4,32}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const rowError = (line: number, code: StockRowError['code'], message: string): StockRowError => ({
  line,
  code,
  message,
});

/** The format from the first record: a pipe `H` header or the CSV `serial,pin,expiry` header. */
export function readHeader(fields: string[]): BatchFormat | StockRowError {
  if (fields[0] === 'H' && fields.length === 7) {
    const [, operatorId, batchRef, sku, faceValue, currency] = fields;
    return { kind: 'pipe', header: { operatorId, batchRef, sku, faceValue, currency } };
  }
  const names = fields.map((f) => f.trim().toLowerCase()).join(',');
  if (names === 'serial,pin,expiry') return { kind: 'csv' };
  return rowError(1, StockRowErrors.BAD_HEADER, 'the first line must be serial,pin,expiry or an H| header');
}

/** A real calendar date: 2027-02-30 is refused, not rolled over. */
function validDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Checks one detail row's fields; `today` is YYYY-MM-DD (a PIN expiring today is still sellable). */
export function checkDetail(line: number, fields: string[], today: string): DetailRow | StockRowError {
  if (fields.length !== 3) {
    return rowError(
      line,
      StockRowErrors.BAD_COLUMNS,
      `expected serial, pin, expiry; got ${fields.length} fields`,
    );
  }
  const [serial, pin, expiresOn] = fields.map((f) => f.trim());
  if (!SERIAL.test(serial))
    return rowError(line, StockRowErrors.BAD_SERIAL, 'the serial is empty or malformed');
  if (pin === '') return rowError(line, StockRowErrors.EMPTY_PIN, `serial ${serial}: the PIN is empty`);
  // The message names the serial, never the PIN.
  if (!PIN.test(pin))
    return rowError(line, StockRowErrors.BAD_PIN, `serial ${serial}: the PIN must be 4-32 digits`);
  if (!validDate(expiresOn)) {
    return rowError(line, StockRowErrors.BAD_DATE, `serial ${serial}: the expiry must be a date YYYY-MM-DD`);
  }
  if (expiresOn < today)
    return rowError(line, StockRowErrors.EXPIRED, `serial ${serial}: expired on ${expiresOn}`);
  return { line, serial, pin, expiresOn };
}

export function isRowError(value: object): value is StockRowError {
  return 'code' in value;
}
