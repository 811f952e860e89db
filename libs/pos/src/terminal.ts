import type { SaleReceipt } from '@tillpoint/contracts';
import { renderSlip } from '@tillpoint/receipts';
import { TerminalHome } from './home';
import { GatewayHttp, NoAnswerError, ProblemError, type Answer, type DeviceCredentials } from './http';
import { Journal, type AdviceKind, type PendingAdvice } from './journal';
import { deliverAdvices, type AdviceReport } from './advices';
import { PosLocalError } from './local-errors';
import { Sessions } from './sessions';
import {
  FINAL_STATES,
  type BalanceView,
  type EndOfDayView,
  type PendingAnswer,
  type ProductsView,
  type SaleRequestBody,
  type SaleView,
} from './views';

export interface TerminalOptions {
  home: TerminalHome;
  /** The gateway's base URL; taken from the device file after activation when not given. */
  gateway?: string;
  /** How long one HTTP exchange may take before it counts as no answer. */
  requestTimeoutMs?: number;
  /** How long a 202 is polled before the sale is left to a later `status`. */
  pollForMs?: number;
  pollEveryMs?: number;
}

export interface SoldSale {
  sale: SaleView;
  /** The slip as printed (PIN in full: the customer's paper); absent when nothing was printed. */
  slip?: string;
}

/** A terminal on a counter: signs every request, keeps its journal and resends its advices until heard. */
export class PosTerminal {
  readonly journal: Journal;
  readonly sessions: Sessions;
  private readonly http: GatewayHttp;

  constructor(private readonly options: TerminalOptions) {
    const gateway = options.gateway ?? options.home.device()?.gateway ?? 'http://127.0.0.1:3000';
    this.http = new GatewayHttp(gateway, options.requestTimeoutMs ?? 20_000);
    this.journal = new Journal(options.home);
    this.sessions = new Sessions(options.home, this.http, () => this.device());
  }

  device(): DeviceCredentials {
    const device = this.options.home.device();
    if (!device) throw new PosLocalError('not-activated');
    return device;
  }

  async activate(serial: string, activationCode: string): Promise<DeviceCredentials> {
    if (this.options.home.device()) throw new PosLocalError('already-activated');
    const answer = await this.http.send('POST', '/pos/activation', { body: { serial, activationCode } });
    const device = answer.json as DeviceCredentials;
    this.options.home.saveDevice({ ...device, gateway: this.http.baseUrl });
    return device;
  }

  login(cashierId: string, pin: string): Promise<void> {
    return this.sessions.login(cashierId, pin);
  }

  logout(cashierId?: string): Promise<void> {
    return this.sessions.logout(cashierId);
  }

  async products(cashierId?: string): Promise<ProductsView> {
    return (await this.call('GET', '/pos/products', cashierId)).json as ProductsView;
  }

  /** Sells; polls a 202 until final (within the bound); on no answer at all, queues a reversal of the ref. */
  async sell(request: SaleRequestBody, cashierId?: string): Promise<SoldSale> {
    const cashier = this.sessions.cashier(cashierId);
    let answer: Answer;
    try {
      answer = await this.call('POST', '/pos/sales', cashier, request);
    } catch (error) {
      // No answer, or a service that did not answer in time: the sale may have happened, so take it back.
      if (
        error instanceof NoAnswerError ||
        (error instanceof ProblemError && error.slug === 'upstream-timeout')
      ) {
        this.journal.queue('reverse', request.clientRef, cashier);
      }
      throw error;
    }
    const sale =
      answer.status === 202
        ? await this.poll(answer.json as PendingAnswer, cashier)
        : (answer.json as SaleView);
    return { sale, slip: this.print(sale, false) };
  }

  async status(clientRef: string, cashierId?: string): Promise<SaleView> {
    return (await this.call('GET', `/pos/sales/${encodeURIComponent(clientRef)}`, cashierId))
      .json as SaleView;
  }

  /** Sends an advice now; if it cannot be delivered it waits in the journal and is sent again later. */
  async advise(advice: AdviceKind, clientRef: string, cashierId?: string): Promise<SaleView> {
    const cashier = this.sessions.cashier(cashierId);
    this.journal.queue(advice, clientRef, cashier);
    const reports = await this.flushAdvices((p) => p.advice === advice && p.clientRef === clientRef);
    const report = reports.find((r) => r.advice.advice === advice && r.advice.clientRef === clientRef);
    if (report?.result === 'acknowledged') return report.sale as SaleView;
    // A 4xx is the platform's answer even when the journal keeps the advice for later (a young 404).
    if (report?.error instanceof ProblemError && report.error.status < 500) throw report.error;
    // Not heard (no answer, a 5xx, no session): it waits in the journal and goes with the next command.
    throw new PosLocalError('advice-queued', report?.error?.message);
  }

  /** Tries every pending advice (or those `only` picks) once; stops at the first that gets no answer. */
  flushAdvices(only: (p: PendingAdvice) => boolean = () => true): Promise<AdviceReport[]> {
    return deliverAdvices(this.journal, this.journal.pending().filter(only), (p) =>
      this.call('POST', `/pos/sales/${encodeURIComponent(p.clientRef)}/${p.advice}`, p.cashierId, {}),
    );
  }

  async reprint(clientRef: string, cashierId?: string): Promise<string> {
    const path = `/pos/sales/${encodeURIComponent(clientRef)}/receipt?format=slip32`;
    const slip = (await this.call('GET', path, cashierId, undefined, { accept: 'text/plain' })).text;
    this.journal.printed({ clientRef, saleId: '', state: 'COPY' }, maskSlipPins(slip), true);
    return slip;
  }

  async balance(cashierId?: string): Promise<BalanceView> {
    return (await this.call('GET', '/pos/balance', cashierId)).json as BalanceView;
  }

  async endOfDay(date?: string, cashierId?: string): Promise<EndOfDayView> {
    const query = date ? `?date=${encodeURIComponent(date)}` : '';
    return (await this.call('GET', `/pos/reports/end-of-day${query}`, cashierId)).json as EndOfDayView;
  }

  private async poll(pending: PendingAnswer, cashier: string): Promise<SaleView> {
    const until = Date.now() + (this.options.pollForMs ?? 60_000);
    let sale: SaleView = { saleId: pending.saleId ?? '', clientRef: pending.clientRef, state: 'PENDING' };
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, this.options.pollEveryMs ?? 500));
      sale = await this.status(pending.clientRef, cashier);
      if (FINAL_STATES.includes(sale.state)) return sale;
    }
    return sale;
  }

  /** Prints the slip of a sale that has a voucher; the journal keeps it with the PIN masked. */
  private print(sale: SaleView, copy: boolean): string | undefined {
    if (!sale.receipt || sale.state === 'PENDING' || sale.state === 'FAILED') return undefined;
    const { pin, ...rest } = sale.receipt;
    const receipt = rest as SaleReceipt;
    const slip = renderSlip(receipt, { pin, width: 32, copy });
    const kept = renderSlip(receipt, { pin, maskPin: true, width: 32, copy });
    this.journal.printed(sale, kept, copy);
    return slip;
  }

  /** A signed request as a logged-in cashier, logging in again once if the token expired meanwhile. */
  private async call(
    method: string,
    path: string,
    cashierId: string | undefined,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Answer> {
    this.device(); // not activated is the first thing to say
    const cashier = this.sessions.cashier(cashierId);
    const send = async () =>
      this.http.send(method, path, {
        device: this.device(),
        token: await this.sessions.token(cashier),
        body,
        headers,
      });
    try {
      return await send();
    } catch (error) {
      if (error instanceof ProblemError && error.status === 401 && this.sessions.canRelogin(cashier)) {
        await this.sessions.relogin(cashier);
        return send();
      }
      throw error;
    }
  }
}

/**
 * The server's copy carries the PIN in full for the selling terminal; the journal keeps only its last four
 * digits. The PIN is on the `PIN` line (or alone on the next when the pair did not fit).
 */
export function maskSlipPins(slip: string): string {
  const lines = slip.split('\n');
  return lines
    .map((line, i) => {
      const isPin = /^PIN\b/.test(line) || (lines[i - 1]?.trim() === 'PIN' && /^\s*\d+\s*$/.test(line));
      return isPin ? line.replace(/\d(?=\d{4})/g, '*') : line;
    })
    .join('\n');
}
