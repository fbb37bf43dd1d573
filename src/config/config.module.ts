import { DynamicModule, Global, Module, ValueProvider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from './app-config';

/**
 * The configuration as values every module may inject, read once at boot before Nest builds the
 * application: the environment (`APP_CONFIG`) and the config/*.json files (`ORGANIZATION`, and each
 * feature's own, e.g. `PROPOSAL_CONFIG`). Reading them first means a bad one stops start-up with its
 * message and exit code 78, before any module starts.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, files: ValueProvider[]): DynamicModule {
    const providers = [{ provide: APP_CONFIG, useValue: config }, ...files];
    return { module: ConfigModule, providers, exports: providers.map((p) => p.provide) };
  }
}
