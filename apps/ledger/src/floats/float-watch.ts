import { FloatLow } from '@tillpoint/contracts';
import type { Tx } from '@tillpoint/messaging';
import type { AccountRow } from '../accounts/account.row';

/**
 * Tells the dealer (`ledger.float.low.v1`, through the outbox) when its available float falls below the
 * threshold it set: once, on the crossing, not on every sale below it.
 */
export async function watchFloat(
  tx: Tx,
  account: AccountRow,
  availableBefore: bigint,
  availableAfter: bigint,
): Promise<void> {
  if (account.kind !== 'float' || account.low_float_threshold === null) return;
  const threshold = BigInt(account.low_float_threshold);
  if (availableBefore >= threshold && availableAfter < threshold) {
    await tx.publish(FloatLow, {
      account: account.code,
      dealer: account.owner ?? '',
      currency: account.currency,
      available: availableAfter.toString(),
      threshold: threshold.toString(),
    });
  }
}
