import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildDataSourceOptions, PoolSettings } from './data-source.options';

export interface DatabaseModuleOptions {
  url: string;
  pool: PoolSettings;
  /** Apply pending migrations while the connection opens (API start). */
  runMigrations: boolean;
}

@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({
          ...buildDataSourceOptions(options.url, options.pool),
          migrationsRun: options.runMigrations,
          autoLoadEntities: true,
          // Fail fast at boot instead of retrying for minutes: the caller reports the reason.
          retryAttempts: 0,
        }),
      ],
    };
  }
}
