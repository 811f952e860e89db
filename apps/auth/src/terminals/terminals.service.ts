import { Injectable } from '@nestjs/common';
import {
  AuthErrors,
  DomainError,
  TerminalBlocked,
  TerminalUnblocked,
  type ActivateTerminalRequest,
  type ActivatedTerminal,
  type DealerRef,
  type DeviceView,
  type RegisteredTerminal,
  type RegisterTerminalRequest,
  type TerminalRef,
  type TerminalView,
} from '@tillpoint/contracts';
import { UnitOfWork, type Tx } from '@tillpoint/messaging';
import { PinCipher, type Sealed } from '@tillpoint/runtime';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { audit } from '../access/audit';
import { conflict, translatePgError } from '../access/fingerprint';
import { dealerInScope } from '../access/scope';
import { AuthConfig } from '../config/auth.config';
import { hashActivationCode, newActivationCode, newDeviceId, newDeviceSecret } from './activation-code';

interface TerminalRow {
  id: string;
  dealer_id: string;
  serial: string;
  device_id: string | null;
  blocked: boolean;
  activation_hash: string | null;
  activation_expires_at: Date | null;
  secret_sealed: Sealed | null;
}

const COLUMNS =
  'id, dealer_id, serial, device_id, blocked, activation_hash, activation_expires_at, secret_sealed';

const view = (row: TerminalRow): TerminalView => ({
  id: row.id,
  dealerId: row.dealer_id,
  serial: row.serial,
  state: row.blocked ? 'blocked' : row.device_id ? 'active' : 'registered',
  ...(row.device_id ? { deviceId: row.device_id } : {}),
});

/** Terminals: registered by an admin, activated once by the device, blocked and unblocked at once everywhere. */
@Injectable()
export class TerminalsService {
  private readonly cipher: PinCipher;

  constructor(
    private readonly work: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly config: AuthConfig,
  ) {
    this.cipher = new PinCipher(config.deviceSecretKeys);
  }

  /** A retry before activation gets a fresh code (only a hash of the first was kept) and the first stops working. */
  async register({ principal, dealerId, terminal }: RegisterTerminalRequest): Promise<RegisteredTerminal> {
    const code = newActivationCode();
    const expiresAt = new Date(Date.now() + this.config.activationTtlS * 1000);
    try {
      return await this.work.run(async (tx) => {
        await dealerInScope(tx.manager, principal, dealerId);
        const [existing] = await this.rows(tx, 'WHERE id = $1 FOR UPDATE', [terminal.id]);
        if (
          existing &&
          (existing.dealer_id !== dealerId || existing.serial !== terminal.serial || existing.device_id)
        ) {
          throw conflict('terminal');
        }
        const [row] = await tx.manager.query<TerminalRow[]>(
          `INSERT INTO terminals (id, dealer_id, serial, activation_hash, activation_expires_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET activation_hash = $4, activation_expires_at = $5 RETURNING ${COLUMNS}`,
          [terminal.id, dealerId, terminal.serial, hashActivationCode(code), expiresAt],
        );
        await audit(
          tx.manager,
          principal,
          existing ? 'terminal.reissue-code' : 'terminal.register',
          terminal.id,
          {
            dealerId,
            serial: terminal.serial,
          },
        );
        return { terminal: view(row), activationCode: code, expiresAt: expiresAt.toISOString() };
      });
    } catch (error) {
      throw translatePgError(error);
    }
  }

  /** The code is good once, before it expires, for its serial only; every failure is the same refusal. */
  async activate(request: ActivateTerminalRequest): Promise<ActivatedTerminal> {
    const secret = newDeviceSecret();
    return this.work.run(async (tx) => {
      const [row] = await this.rows(tx, 'WHERE serial = $1 FOR UPDATE', [request.serial]);
      const given = Buffer.from(hashActivationCode(request.activationCode));
      const usable =
        row?.activation_hash &&
        !row.device_id &&
        !row.blocked &&
        row.activation_expires_at &&
        row.activation_expires_at.getTime() > Date.now() &&
        timingSafeEqual(Buffer.from(row.activation_hash), given);
      if (!row || !usable) throw new DomainError(AuthErrors.ACTIVATION_INVALID, 'activation refused');
      const deviceId = newDeviceId();
      await tx.manager.query(
        `UPDATE terminals SET device_id = $2, secret_sealed = $3, activation_hash = NULL,
           activation_expires_at = NULL, activated_at = now() WHERE id = $1`,
        [row.id, deviceId, JSON.stringify(this.cipher.seal(secret))],
      );
      return { terminalId: row.id, deviceId, deviceSecret: secret };
    });
  }

  block(request: TerminalRef): Promise<TerminalView> {
    return this.setBlocked(request, true);
  }

  unblock(request: TerminalRef): Promise<TerminalView> {
    return this.setBlocked(request, false);
  }

  async list({ principal, dealerId }: DealerRef): Promise<TerminalView[]> {
    await dealerInScope(this.dataSource.manager, principal, dealerId);
    const rows = await this.dataSource.query<TerminalRow[]>(
      `SELECT ${COLUMNS} FROM terminals WHERE dealer_id = $1 ORDER BY id`,
      [dealerId],
    );
    return rows.map(view);
  }

  /** The gateway's question for every signed request (it caches the answer briefly). */
  async lookup(deviceId: string): Promise<DeviceView> {
    const [row] = await this.dataSource.query<TerminalRow[]>(
      `SELECT ${COLUMNS} FROM terminals WHERE device_id = $1 AND NOT blocked`,
      [deviceId],
    );
    if (!row?.secret_sealed) throw new DomainError(AuthErrors.UNKNOWN_DEVICE, 'unknown device');
    return {
      deviceId,
      terminalId: row.id,
      dealerId: row.dealer_id,
      secret: this.cipher.open(row.secret_sealed),
    };
  }

  /** Blocking twice (or unblocking an unblocked terminal) changes nothing and tells nobody again. */
  private setBlocked({ principal, terminalId }: TerminalRef, blocked: boolean): Promise<TerminalView> {
    return this.work.run(async (tx) => {
      const [row] = await this.rows(tx, 'WHERE id = $1 FOR UPDATE', [terminalId]);
      if (!row)
        throw new DomainError(
          principal.role === 'platform-admin' ? AuthErrors.NOT_FOUND : AuthErrors.FORBIDDEN,
          'no such terminal',
        );
      await dealerInScope(tx.manager, principal, row.dealer_id);
      if (row.blocked === blocked) return view(row);
      await tx.manager.query('UPDATE terminals SET blocked = $2 WHERE id = $1', [terminalId, blocked]);
      const event = {
        terminalId,
        dealerId: row.dealer_id,
        ...(row.device_id ? { deviceId: row.device_id } : {}),
      };
      await tx.publish(blocked ? TerminalBlocked : TerminalUnblocked, event);
      await audit(tx.manager, principal, blocked ? 'terminal.block' : 'terminal.unblock', terminalId);
      return view({ ...row, blocked });
    });
  }

  private rows(tx: Tx, where: string, params: unknown[]): Promise<TerminalRow[]> {
    return tx.manager.query<TerminalRow[]>(`SELECT ${COLUMNS} FROM terminals ${where}`, params);
  }
}
