import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import {
  AuthErrors,
  DomainError,
  type CreateUserRequest,
  type LoginRequest,
  type Principal,
  type ScopedRequest,
  type SessionView,
  type UserView,
} from '@tillpoint/contracts';
import { UnitOfWork } from '@tillpoint/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { audit } from '../access/audit';
import { checkCredential, refusal, type CredentialRow } from '../access/credentials';
import { conflict, translatePgError } from '../access/fingerprint';
import { adminScope, dealerInScope } from '../access/scope';
import { AuthConfig } from '../config/auth.config';
import { TokenIssuer } from '../sessions/token-issuer';

interface UserRow extends CredentialRow {
  username: string;
  role: UserView['role'];
  operator_id: string | null;
  dealer_id: string | null;
  path: string[] | null;
}

const view = (row: UserRow): UserView => ({
  id: row.id,
  username: row.username,
  role: row.role,
  ...(row.operator_id ? { operatorId: row.operator_id } : {}),
  ...(row.dealer_id ? { dealerId: row.dealer_id } : {}),
});

/** Back-office users: created by platform admins (any role) or dealer-admins (dealer-admins of their subtree). */
@Injectable()
export class UsersService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly issuer: TokenIssuer,
    private readonly config: AuthConfig,
  ) {}

  async create({ principal, user }: CreateUserRequest): Promise<UserView> {
    try {
      return await this.work.run(async (tx) => {
        await this.checkScope(tx.manager, principal, user);
        const [existing] = await this.find(tx.manager, user.username);
        if (existing) {
          const same =
            existing.role === user.role &&
            (existing.operator_id ?? undefined) === user.operatorId &&
            (existing.dealer_id ?? undefined) === user.dealerId &&
            (await verify(existing.hash, user.password).catch(() => false));
          if (!same) throw conflict('user');
          return view(existing);
        }
        const id = randomUUID();
        await tx.manager.query(
          `INSERT INTO users (id, username, password_hash, role, operator_id, dealer_id) VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            id,
            user.username,
            await hash(user.password),
            user.role,
            user.operatorId ?? null,
            user.dealerId ?? null,
          ],
        );
        await audit(tx.manager, principal, 'user.create', user.username, { role: user.role });
        const [created] = await this.find(tx.manager, user.username);
        return view(created);
      });
    } catch (error) {
      throw translatePgError(error);
    }
  }

  async list({ principal }: ScopedRequest): Promise<UserView[]> {
    const rows = await this.dataSource.query<UserRow[]>(
      `SELECT u.id, u.username, u.role, u.operator_id, u.dealer_id FROM users u
       LEFT JOIN dealers d ON d.id = u.dealer_id
       WHERE $1::text IS NULL OR $1 = ANY(d.path) ORDER BY u.username`,
      [adminScope(principal)],
    );
    return rows.map(view);
  }

  async login(request: LoginRequest): Promise<SessionView> {
    const outcome = await this.work.run(async (tx) => {
      const [row] = await this.find(tx.manager, request.username, true);
      const checked = await checkCredential(tx.manager, 'users', row, request.password, this.config.lockoutS);
      return { checked, row };
    });
    const refused = refusal(outcome.checked);
    if (refused) throw refused;
    const row = outcome.row;
    const principal: Principal = {
      role: row.role,
      subject: row.id,
      ...(row.operator_id ? { operatorId: row.operator_id } : {}),
      ...(row.dealer_id ? { dealerId: row.dealer_id, dealerPath: row.path ?? [row.dealer_id] } : {}),
    };
    return { ...(await this.issuer.issue(principal)), principal };
  }

  private async checkScope(manager: EntityManager, principal: Principal, user: CreateUserRequest['user']) {
    const scope = adminScope(principal);
    const fits =
      (user.role === 'operator') === (user.operatorId !== undefined) &&
      (user.role === 'dealer-admin') === (user.dealerId !== undefined);
    if (!fits)
      throw new DomainError(
        AuthErrors.INVALID_REFERENCE,
        'operatorId is for operators, dealerId for dealer-admins',
      );
    if (scope !== null && user.role !== 'dealer-admin')
      throw new DomainError(AuthErrors.FORBIDDEN, 'not allowed');
    if (user.dealerId) await dealerInScope(manager, principal, user.dealerId);
  }

  private find(manager: EntityManager, username: string, lock = false): Promise<UserRow[]> {
    return manager.query<UserRow[]>(
      `SELECT u.id, u.username, u.password_hash AS hash, u.role, u.operator_id, u.dealer_id, u.failed_attempts,
              u.locked_until, d.path
       FROM users u LEFT JOIN dealers d ON d.id = u.dealer_id WHERE u.username = $1 ${lock ? 'FOR UPDATE OF u' : ''}`,
      [username],
    );
  }
}
