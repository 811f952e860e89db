import { Injectable } from '@nestjs/common';
import {
  AuthErrors,
  CashierLocked,
  DomainError,
  type OpenSessionRequest,
  type Principal,
  type RevocationsView,
  type SellerContext,
  type SessionView,
} from '@tillpoint/contracts';
import { UnitOfWork } from '@tillpoint/messaging';
import { DataSource } from 'typeorm';
import { checkCredential, refusal, type CredentialRow } from '../access/credentials';
import { AuthConfig } from '../config/auth.config';
import { TokenIssuer } from './token-issuer';

interface TerminalSeat {
  terminal_id: string;
  dealer_id: string;
  path: string[];
  name: string;
  currency: string;
  time_zone: string;
  blocked: boolean;
}

/** Cashier sessions on activated terminals, and what gateways need to check every session locally. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly issuer: TokenIssuer,
    private readonly config: AuthConfig,
  ) {}

  /** A cashier of the terminal's dealer logs in on it; any number of its cashiers may hold sessions at once. */
  async open(request: OpenSessionRequest): Promise<SessionView> {
    const seat = await this.seat(request.deviceId);
    const outcome = await this.work.run(async (tx) => {
      const [row] = await tx.manager.query<CredentialRow[]>(
        `SELECT id, pin_hash AS hash, failed_attempts, locked_until FROM cashiers
         WHERE id = $1 AND dealer_id = $2 FOR UPDATE`,
        [request.cashierId, seat.dealer_id],
      );
      const checked = await checkCredential(tx.manager, 'cashiers', row, request.pin, this.config.lockoutS);
      if (!checked.ok && checked.lockedNow) {
        await tx.publish(CashierLocked, {
          cashierId: request.cashierId,
          dealerId: seat.dealer_id,
          until: checked.lockedNow.toISOString(),
        });
      }
      return checked;
    });
    const refused = refusal(outcome);
    if (refused) throw refused;
    const seller: SellerContext = {
      dealerId: seat.dealer_id,
      dealerPath: seat.path,
      dealerName: seat.name,
      currency: seat.currency.trim(),
      timeZone: seat.time_zone,
      terminalId: seat.terminal_id,
      cashierId: request.cashierId,
    };
    const principal: Principal = {
      role: 'terminal',
      subject: request.cashierId,
      dealerId: seller.dealerId,
      dealerPath: seller.dealerPath,
      terminalId: seller.terminalId,
    };
    const session = await this.issuer.issue(principal, {
      dealerName: seller.dealerName,
      currency: seller.currency,
      timeZone: seller.timeZone,
    });
    return { ...session, principal, seller };
  }

  async revocations(): Promise<RevocationsView> {
    const blocked = await this.dataSource.query<Array<{ id: string }>>(
      'SELECT id FROM terminals WHERE blocked ORDER BY id',
    );
    const locked = await this.dataSource.query<Array<{ id: string; locked_until: Date }>>(
      'SELECT id, locked_until FROM cashiers WHERE locked_until > now() ORDER BY id',
    );
    return {
      blockedTerminals: blocked.map((r) => r.id),
      lockedCashiers: locked.map((r) => ({ cashierId: r.id, until: r.locked_until.toISOString() })),
    };
  }

  private async seat(deviceId: string): Promise<TerminalSeat> {
    const [seat] = await this.dataSource.query<TerminalSeat[]>(
      `SELECT t.id AS terminal_id, t.dealer_id, t.blocked, d.path, d.name, d.currency, d.time_zone
       FROM terminals t JOIN dealers d ON d.id = t.dealer_id WHERE t.device_id = $1`,
      [deviceId],
    );
    if (!seat || seat.blocked) throw new DomainError(AuthErrors.UNKNOWN_DEVICE, 'unknown device');
    return seat;
  }
}
