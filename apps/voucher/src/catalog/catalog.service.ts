import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  CatalogDocument,
  DomainError,
  VoucherErrors,
  type CatalogView,
  type GetCatalogRequest,
  type PublishCatalogRequest,
} from '@tillpoint/contracts';
import { UnitOfWork, type MessageContext } from '@tillpoint/messaging';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { VoucherConfig } from '../config/voucher.config';
import { compileCatalog, scopeDocument, type Catalog } from './catalog.model';

/** How often an instance looks for a version another instance published. */
const REFRESH_MS = 2000;

interface VersionRow {
  version: number;
  document: CatalogDocument;
  created_at: Date;
}

/**
 * The versioned catalog. Each version is compiled once and kept in memory: pricing a sale reads no table.
 * Every change (a publish) writes a whole new version.
 */
@Injectable()
export class CatalogService implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger(CatalogService.name);
  private readonly versions = new Map<number, Catalog>();
  private latest?: Catalog;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly work: UnitOfWork,
    private readonly config: VoucherConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.catalogFile) await this.seed(this.config.catalogFile);
    await this.refresh();
    this.timer = setInterval(
      () => void this.refresh().catch((e: unknown) => this.log.warn(String(e))),
      REFRESH_MS,
    );
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The current version; undefined until a catalog is published. */
  get current(): Catalog | undefined {
    return this.latest;
  }

  /** A version by number, from memory or loaded once. */
  async version(version: number): Promise<Catalog | undefined> {
    const cached = this.versions.get(version);
    if (cached) return cached;
    const [row] = await this.dataSource.query<VersionRow[]>(
      'SELECT version, document, created_at FROM catalog_versions WHERE version = $1',
      [version],
    );
    return row ? this.remember(row) : undefined;
  }

  async publish(request: PublishCatalogRequest, message?: MessageContext): Promise<CatalogView> {
    if (request.principal.role !== 'platform-admin') {
      throw new DomainError(VoucherErrors.FORBIDDEN, 'only a platform admin changes the catalog');
    }
    compileCatalog(1, new Date().toISOString(), request.catalog);
    const row = await this.work.run(
      (tx) => this.insert(tx.manager, request.catalog, request.principal.subject),
      { message },
    );
    return this.view(this.remember(row));
  }

  async get(request: GetCatalogRequest): Promise<CatalogView> {
    const catalog = request.version ? await this.version(request.version) : this.latest;
    if (!catalog) throw new DomainError(VoucherErrors.UNKNOWN_CATALOG_VERSION, 'no such catalog version');
    const { principal } = request;
    if (principal.role !== 'operator') return this.view(catalog);
    return { ...this.view(catalog), catalog: scopeDocument(catalog.document, principal.operatorId ?? '') };
  }

  private view(catalog: Catalog): CatalogView {
    return { version: catalog.version, createdAt: catalog.createdAt, catalog: catalog.document };
  }

  private async insert(
    manager: DataSource['manager'],
    document: CatalogDocument,
    actor: string,
  ): Promise<VersionRow> {
    // One writer at a time picks the next number; readers are never blocked.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('voucher.catalog'))`);
    const [row] = await manager.query<VersionRow[]>(
      `INSERT INTO catalog_versions (version, document, actor)
       SELECT coalesce(max(version), 0) + 1, $1, $2 FROM catalog_versions
       RETURNING version, document, created_at`,
      [JSON.stringify(document), actor],
    );
    return row;
  }

  /** Loads the catalog file as the first version if there is none (a second instance finds it there). */
  private async seed(file: string): Promise<void> {
    const document = plainToInstance(CatalogDocument, JSON.parse(readFileSync(file, 'utf8')) as object);
    const problems = validateSync(document, { forbidUnknownValues: true });
    if (problems.length > 0)
      throw new Error(`CATALOG_FILE ${file} is not a valid catalog: ${String(problems[0])}`);
    compileCatalog(1, new Date().toISOString(), document);
    await this.work.run(async ({ manager }) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('voucher.catalog'))`);
      const [{ count }] = await manager.query<Array<{ count: number }>>(
        'SELECT count(*)::int AS count FROM catalog_versions',
      );
      if (count === 0) await this.insert(manager, document, 'catalog-file');
    });
  }

  private async refresh(): Promise<void> {
    const [row] = await this.dataSource.query<Array<{ version: number | null }>>(
      'SELECT max(version) AS version FROM catalog_versions',
    );
    if (row.version && row.version !== this.latest?.version) await this.version(row.version);
  }

  private remember(row: VersionRow): Catalog {
    const catalog = compileCatalog(row.version, row.created_at.toISOString(), row.document);
    this.versions.set(row.version, catalog);
    if (!this.latest || catalog.version > this.latest.version) this.latest = catalog;
    return catalog;
  }
}
