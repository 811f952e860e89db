import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { PosTerminal, TerminalHome, type AdminClient, type DeviceCredentials } from '@tillpoint/pos';
import { mapLimit } from '../parallel';
import type { RunNames } from './names';

/** A terminal of the run, activated, with one cashier logged in: all a signed sale needs. */
export interface BenchTerminal {
  id: string;
  dealerId: string;
  device: DeviceCredentials;
  token: string;
}

interface Slot {
  d: number;
  t: number;
}

/**
 * Registers `perDealer` terminals for each dealer, activates each with the pos client (its files in a
 * directory of `homes`), creates its cashier and logs in. A few at a time: logins hash a PIN slowly.
 */
export function createTerminals(
  admin: AdminClient,
  gateway: string,
  names: RunNames,
  shape: { dealers: number; perDealer: number; homes: string },
): Promise<BenchTerminal[]> {
  const slots: Slot[] = [];
  for (let d = 1; d <= shape.dealers; d++) for (let t = 1; t <= shape.perDealer; t++) slots.push({ d, t });
  return mapLimit(slots, 4, (slot) => createTerminal(admin, gateway, names, shape.homes, slot));
}

async function createTerminal(
  admin: AdminClient,
  gateway: string,
  names: RunNames,
  homes: string,
  { d, t }: Slot,
): Promise<BenchTerminal> {
  const dealerId = names.dealer(d);
  const id = names.terminal(d, t);
  const cashierId = names.cashier(d, t);
  const pin = String(randomInt(100_000, 1_000_000));
  const registered = await admin.post<{ activationCode: string }>(`/admin/dealers/${dealerId}/terminals`, {
    id,
    serial: names.serial(d, t),
  });
  await admin.post(`/admin/dealers/${dealerId}/cashiers`, { id: cashierId, pin });
  const home = new TerminalHome(join(homes, id));
  const terminal = new PosTerminal({ home, gateway });
  const device = await terminal.activate(names.serial(d, t), registered.activationCode);
  await terminal.login(cashierId, pin);
  return { id, dealerId, device, token: home.sessions().byCashier[cashierId].token };
}
