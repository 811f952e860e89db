import type { TerminalHome } from './home';
import type { DeviceCredentials, GatewayHttp } from './http';
import { PosLocalError } from './local-errors';
import type { SessionAnswer } from './views';

/** A token this close to its expiry is renewed (or reported expired) rather than sent. */
const EXPIRY_MARGIN_MS = 5_000;

/**
 * The cashiers logged in on this terminal: tokens on disk (0600) so that every command of a shell session
 * can use them; PINs only in this process's memory, to log in again when a token expires during a run.
 */
export class Sessions {
  private readonly pins = new Map<string, string>();

  constructor(
    private readonly home: TerminalHome,
    private readonly http: GatewayHttp,
    private readonly device: () => DeviceCredentials,
  ) {}

  /** The cashier named, or the last one logged in. */
  cashier(cashierId?: string): string {
    const id = cashierId ?? this.home.sessions().current;
    if (!id) throw new PosLocalError('no-cashier');
    return id;
  }

  async login(cashierId: string, pin: string): Promise<void> {
    const answer = await this.http.send('POST', '/pos/sessions', {
      device: this.device(),
      body: { cashierId, pin },
    });
    const session = answer.json as SessionAnswer;
    this.pins.set(cashierId, pin);
    const stored = this.home.sessions();
    stored.byCashier[cashierId] = { token: session.token, expiresAt: session.expiresAt };
    stored.current = cashierId;
    this.home.saveSessions(stored);
  }

  async logout(cashierId?: string): Promise<void> {
    const id = this.cashier(cashierId);
    const stored = this.home.sessions();
    const session = stored.byCashier[id];
    if (session) {
      await this.http.send('DELETE', '/pos/sessions/current', {
        device: this.device(),
        token: session.token,
      });
    }
    delete stored.byCashier[id];
    if (stored.current === id) stored.current = Object.keys(stored.byCashier)[0];
    this.home.saveSessions(stored);
    this.pins.delete(id);
  }

  canRelogin(cashierId: string): boolean {
    return this.pins.has(cashierId);
  }

  async relogin(cashierId: string): Promise<void> {
    const pin = this.pins.get(cashierId);
    if (!pin) throw new PosLocalError('session-expired', cashierId);
    await this.login(cashierId, pin);
  }

  /** A live token for the cashier, logging in again if it expired and the PIN is known in this run. */
  async token(cashierId: string): Promise<string> {
    const session = this.home.sessions().byCashier[cashierId];
    if (!session) throw new PosLocalError('not-logged-in', cashierId);
    if (Date.parse(session.expiresAt) - EXPIRY_MARGIN_MS > Date.now()) return session.token;
    await this.relogin(cashierId);
    return this.token(cashierId);
  }
}
