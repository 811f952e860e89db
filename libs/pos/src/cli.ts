import 'reflect-metadata';
import { createInterface } from 'node:readline/promises';
import { parseMajor } from '@tillpoint/contracts';
import { formatMoney } from '@tillpoint/receipts';
import { parseArgs, type ParsedArgs } from './cli-args';
import { TerminalHome } from './home';
import { PosLocalError } from './local-errors';
import { explain } from './messages';
import { PosTerminal } from './terminal';
import type { ProductsView, SaleView } from './views';

const HELP = `pos: a Tillpoint terminal at the shell.  npm run pos -- [--home DIR] [--gateway URL] [--cashier ID] <command>
  activate <serial> <activation code>   once per terminal (--gateway sets the platform, default http://127.0.0.1:3000)
  login <cashier id> [pin]              asks for the PIN if not given; several cashiers may be logged in
  logout [cashier id]
  products                              what this terminal sells, in the shop's currency
  sell <sku> <account> [amount: KES 50 is 50] [--ref CLIENT_REF] [--email E] [--phone P]; prints the slip
  status <ref> | confirm <ref> | reverse <ref> | reprint <ref>
  balance                               the shop's float
  eod [YYYY-MM-DD]                      this terminal's end-of-day report (default today)
  advices [--send]                      confirmations and reversals waiting for the platform
The terminal's files (device secret, sessions, journal) are in --home, default $POS_HOME or ./.pos`;

type Command = (t: PosTerminal, a: ParsedArgs, out: (s: string) => void) => Promise<void>;

function arg(a: ParsedArgs, i: number, name: string): string {
  const value = a.positional[i];
  if (!value) throw new PosLocalError('usage', `missing ${name}`);
  return value;
}

function saleLine(sale: SaleView): string {
  const failure = sale.failureCode ? ` (${sale.failureCode})` : '';
  // The receipt's balance is the one the sale left; after a reversal it is history, the refund is the news.
  const money = !sale.receipt
    ? ''
    : sale.state === 'REVERSED'
      ? `, ${formatMoney(sale.receipt.cost, sale.receipt.currency)} refunded to the float (see \`balance\`)`
      : sale.balanceAfter
        ? `, balance ${formatMoney(sale.balanceAfter, sale.receipt.currency)}`
        : '';
  return `${sale.clientRef}: ${sale.state}${failure}${money}`;
}

/** A person types amounts in the currency's major units (KES 50, KWD 2.5); the API takes minor units. */
async function minorAmount(t: PosTerminal, sku: string, typed: string | undefined, cashier?: string) {
  if (typed === undefined) return undefined;
  const product = (await t.products(cashier)).products.find((p) => p.sku === sku);
  if (!product) return typed; // the platform names the unknown product
  try {
    return parseMajor(typed, product.currency).toString();
  } catch {
    throw new PosLocalError('usage', `${typed} is not an amount of ${product.currency}`);
  }
}

async function askPin(cashierId: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  try {
    return (await rl.question(`PIN for ${cashierId}: `)).trim();
  } finally {
    rl.close();
  }
}

const COMMANDS: Record<string, Command> = {
  activate: async (t, a, out) => {
    const device = await t.activate(arg(a, 1, 'serial'), arg(a, 2, 'activation code'));
    out(`Terminal ${device.terminalId} activated.`);
  },
  login: async (t, a, out) => {
    const cashierId = arg(a, 1, 'cashier id');
    await t.login(cashierId, a.positional[2] ?? (await askPin(cashierId)));
    out(`${cashierId} logged in.`);
  },
  logout: async (t, a, out) => {
    await t.logout(a.positional[1] ?? a.flags.cashier);
    out('Logged out.');
  },
  products: async (t, a, out) => {
    const list = await t.products(a.flags.cashier);
    out(`Catalog version ${list.catalogVersion}`);
    for (const p of list.products) out(productLine(p));
  },
  sell: async (t, a, out) => {
    const clientRef = a.flags.ref ?? `${t.device().terminalId}-${Date.now().toString(36)}`;
    const customer =
      a.flags.email || a.flags.phone ? { email: a.flags.email, phone: a.flags.phone } : undefined;
    const sku = arg(a, 1, 'sku');
    const request = {
      clientRef,
      sku,
      account: arg(a, 2, 'account'),
      amount: await minorAmount(t, sku, a.positional[3], a.flags.cashier),
      customer,
    };
    // A top-up may wait for the operator for a while: say so, so nobody walks away or sells twice.
    process.stderr.write(`Selling ${sku} (${clientRef}); waiting for the platform...\n`);
    const { sale, slip } = await t.sell(request, a.flags.cashier);
    if (slip) out(slip);
    out(
      sale.state === 'PENDING'
        ? `${clientRef}: still PENDING; ask \`status ${clientRef}\` later.`
        : saleLine(sale),
    );
  },
  status: async (t, a, out) => out(saleLine(await t.status(arg(a, 1, 'ref'), a.flags.cashier))),
  confirm: async (t, a, out) => out(saleLine(await t.advise('confirm', arg(a, 1, 'ref'), a.flags.cashier))),
  reverse: async (t, a, out) => out(saleLine(await t.advise('reverse', arg(a, 1, 'ref'), a.flags.cashier))),
  reprint: async (t, a, out) => out(await t.reprint(arg(a, 1, 'ref'), a.flags.cashier)),
  balance: async (t, a, out) => {
    const b = await t.balance(a.flags.cashier);
    out(
      `${b.dealerId}: available ${formatMoney(b.available, b.currency)} (posted ${formatMoney(b.posted, b.currency)}, held ${formatMoney(b.held, b.currency)})`,
    );
  },
  eod: async (t, a, out) => {
    const r = await t.endOfDay(a.positional[1], a.flags.cashier);
    out(
      `${r.terminalId} ${r.date}: ${r.totals.count} sales, ${formatMoney(r.totals.amount, r.currency)}, cost ${formatMoney(r.totals.cost, r.currency)}`,
    );
    for (const [state, n] of Object.entries(r.byState)) out(`  ${state.padEnd(10)} ${n}`);
    for (const s of r.bySku)
      out(`  ${s.sku.padEnd(24)} ${String(s.count).padStart(5)} ${formatMoney(s.amount, r.currency)}`);
  },
  advices: async (t, a, out) => {
    if (a.flags.send === 'true') await sendAdvices(t, out);
    const pending = t.journal.pending();
    out(pending.length ? `${pending.length} waiting:` : 'No advice waiting.');
    for (const p of pending) out(`  ${p.advice} ${p.clientRef} (${p.cashierId}, since ${p.since})`);
  },
};

function productLine(p: ProductsView['products'][number]): string {
  const price =
    p.faceValue !== undefined
      ? formatMoney(String(p.faceValue), p.currency)
      : `${formatMoney(String(p.minAmount ?? 0), p.currency)} to ${formatMoney(String(p.maxAmount ?? 0), p.currency)}`;
  return `  ${p.sku.padEnd(24)} ${p.kind.padEnd(6)} ${price}  ${p.name ?? p.operator ?? p.biller ?? ''}`;
}

/** Every command first sends what waits in the journal, so advices reach the platform after a restart. */
async function sendAdvices(t: PosTerminal, out: (s: string) => void): Promise<void> {
  if (t.journal.pending().length === 0) return;
  for (const r of await t.flushAdvices()) {
    const what = `${r.advice.advice} ${r.advice.clientRef}`;
    if (r.result === 'acknowledged') out(`Sent ${what}: ${r.sale?.state}.`);
    else if (r.result === 'final') out(`Sent ${what}: refused. ${explain(r.error)}`);
    else out(`Still waiting: ${what}. ${explain(r.error)}`);
  }
}

export async function main(
  argv: string[],
  out = (s: string) => void process.stdout.write(`${s}\n`),
): Promise<number> {
  const args = parseArgs(argv);
  const name = args.positional[0];
  if (!name || name === 'help' || !COMMANDS[name]) {
    if (name && name !== 'help') process.stderr.write(`Unknown command: ${name}.\n`);
    out(HELP);
    return name && name !== 'help' ? 2 : 0;
  }
  const terminal = new PosTerminal({ home: new TerminalHome(args.flags.home), gateway: args.flags.gateway });
  try {
    if (name !== 'activate' && name !== 'advices' && terminal.journal.pending().length > 0) {
      await sendAdvices(terminal, (s) => process.stderr.write(s + '\n'));
    }
    await COMMANDS[name](terminal, args, out);
    return 0;
  } catch (error) {
    process.stderr.write(`${explain(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
