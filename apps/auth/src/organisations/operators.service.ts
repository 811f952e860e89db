import { Injectable } from '@nestjs/common';
import {
  AuthErrors,
  DomainError,
  type CreateOperatorRequest,
  type OperatorView,
  type Principal,
  type ScopedRequest,
} from '@tillpoint/contracts';
import { UnitOfWork } from '@tillpoint/messaging';
import { DataSource } from 'typeorm';
import { audit } from '../access/audit';
import { conflict, fingerprint, translatePgError } from '../access/fingerprint';

function platformOnly(principal: Principal): void {
  if (principal.role !== 'platform-admin') throw new DomainError(AuthErrors.FORBIDDEN, 'not allowed');
}

/** Operators (brands): created by platform admins; an operator user sees only its own. */
@Injectable()
export class OperatorsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly dataSource: DataSource,
  ) {}

  async create({ principal, operator }: CreateOperatorRequest): Promise<OperatorView> {
    platformOnly(principal);
    const print = fingerprint(operator);
    try {
      return await this.work.run(async (tx) => {
        const [existing] = await tx.manager.query<Array<OperatorView & { fingerprint: string }>>(
          'SELECT id, name, fingerprint FROM operators WHERE id = $1',
          [operator.id],
        );
        if (existing) {
          if (existing.fingerprint !== print) throw conflict('operator');
          return { id: existing.id, name: existing.name };
        }
        await tx.manager.query('INSERT INTO operators (id, name, fingerprint) VALUES ($1, $2, $3)', [
          operator.id,
          operator.name,
          print,
        ]);
        await audit(tx.manager, principal, 'operator.create', operator.id);
        return { id: operator.id, name: operator.name };
      });
    } catch (error) {
      throw translatePgError(error);
    }
  }

  async list({ principal }: ScopedRequest): Promise<OperatorView[]> {
    if (principal.role === 'operator') {
      return this.dataSource.query('SELECT id, name FROM operators WHERE id = $1', [principal.operatorId]);
    }
    platformOnly(principal);
    return this.dataSource.query('SELECT id, name FROM operators ORDER BY id');
  }
}
