import { formatMajor } from '@tillpoint/contracts';

/** `KES 1,250.00`: the currency's exponent (formatMajor), thousands grouped, the code in front. */
export function formatMoney(minor: string | bigint, currency: string): string {
  const major = formatMajor(BigInt(minor), currency);
  const negative = major.startsWith('-');
  const [whole, fraction] = (negative ? major.slice(1) : major).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${currency} ${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A zone Intl knows, else UTC: a bad zone in a dealer's profile must not stop its receipts. */
function knownZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** `03 Dec 2026, 23:55:41 EAT` in the dealer's time zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: knownZone(timeZone),
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

export function formatDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: knownZone(timeZone),
    day: '2-digit',
    month: 'short',
    year: 'numeric',
  }).format(new Date(iso));
}

/** All but the last four characters hidden: what those who may not redeem a PIN see of it. */
export function maskPin(pin: string): string {
  const shown = Math.min(4, Math.floor(pin.length / 2));
  return '*'.repeat(pin.length - shown) + pin.slice(pin.length - shown);
}
