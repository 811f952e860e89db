import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions, type EntitySchema, type MigrationInterface } from 'typeorm';
import { DatabaseProbe } from './database.probe';
import { ensureDatabaseExists, migrateSchema } from './prepare-database';
import { preparePgStatements } from './prepared-statements';
import { TypeOrmLogger } from './typeorm-logger';

export interface DatabaseOptions {
  url: string;
  /** The service's own schema; unqualified SQL resolves there too (search_path). */
  schema: string;
  migrations: Array<new () => MigrationInterface>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: Array<Function | EntitySchema>;
  poolSize?: number;
}

/** TypeORM's options for a service's schema; migrations only, never synchronize. */
export function dataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    logger: new TypeOrmLogger(),
    maxQueryExecutionTime: 1000,
    extra: {
      max: options.poolSize ?? 10,
      options: `-c search_path=${options.schema}`,
      connectionTimeoutMillis: 5000,
    },
  };
}

/** The service's database: created if missing, migrated at start, with a readiness probe. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(options),
          dataSourceFactory: async (dsOptions) => {
            preparePgStatements();
            await ensureDatabaseExists(options.url);
            const dataSource = await new DataSource(dsOptions!).initialize();
            await migrateSchema(dataSource, options.schema);
            return dataSource;
          },
        }),
      ],
      providers: [DatabaseProbe],
      exports: [DatabaseProbe],
    };
  }
}
