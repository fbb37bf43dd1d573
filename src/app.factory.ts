import { ConsoleLogger, INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { ErrorFilter } from './common/error.filter';
import { mountOpenApi } from './common/openapi';
import { requestIdMiddleware } from './common/request-id.middleware';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { Bootstrapper } from './database/bootstrapper';

export interface CreatedApp {
  app: INestApplication;
  adminPassword?: string;
}

export function createLogger(config: AppConfig): ConsoleLogger {
  const levels: LogLevel[] = ['fatal', 'error', 'warn', 'log'];
  return new ConsoleLogger({ json: config.logJson, logLevels: levels.slice(0, levels.indexOf(config.logLevel) + 1) });
}

/** Builds the HTTP application (used by main.ts and by the e2e suites): migrated, seeded, not yet listening. */
export async function createApp(config: AppConfig): Promise<CreatedApp> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: createLogger(config),
    bodyParser: false,
  });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'", 'data:'] } },
    }),
  );
  app.use(cookieParser());
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { extended: false, limit: '1mb' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  mountOpenApi(app);
  const boot = await app.get(Bootstrapper).run();
  return { app, adminPassword: boot.adminPassword };
}
