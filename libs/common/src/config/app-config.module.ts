import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { AppConfig } from './app-config';

/**
 * Holds the validated configuration (and whatever else a process decided before Nest started,
 * such as the API's embedded-database state) as global providers. The API and the CLI both
 * load and validate the environment first, then hand the result to Nest here.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig, extra: Provider[] = []): DynamicModule {
    const tokens = extra.map((provider) => ('provide' in provider ? provider.provide : provider));
    return {
      module: AppConfigModule,
      providers: [{ provide: AppConfig, useValue: config }, ...extra],
      exports: [AppConfig, ...tokens],
    };
  }
}
