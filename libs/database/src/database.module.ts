import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, PoolSettings } from './data-source.options';
import { runMigrationsExclusively } from './schema-lock';
import { timeStartupPhase } from './startup-phases';

export interface DatabaseModuleOptions {
  url: string;
  pool: PoolSettings;
  /** Apply pending migrations while the connection opens (API start), under the schema lock. */
  runMigrations: boolean;
}

@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...buildDataSourceOptions(options.url, options.pool),
            autoLoadEntities: true,
            // Fail fast at boot instead of retrying for minutes: the caller reports the reason.
            retryAttempts: 0,
          }),
          // Not TypeORM's migrationsRun: processes starting together on one database would race
          // on the same migrations. They take turns on an advisory lock instead.
          dataSourceFactory: async (dataSourceOptions) => {
            const dataSource = await timeStartupPhase('connect', () => new DataSource(dataSourceOptions!).initialize());
            if (options.runMigrations) {
              try {
                await timeStartupPhase('migrations', () => runMigrationsExclusively(dataSource));
              } catch (error) {
                await dataSource.destroy().catch(() => undefined);
                throw error;
              }
            }
            return dataSource;
          },
        }),
      ],
    };
  }
}
