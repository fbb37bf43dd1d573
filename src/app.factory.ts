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
import { PUBLIC_DIR } from './web/view-renderer';

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
      contentSecurityPolicy: {
        // No upgrade-insecure-requests: on a plain-http intranet address it sends the pages' CSS, script
        // and form posts to https, where nothing answers. Behind TLS it changes nothing for same-origin URLs.
        directives: { 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null },
      },
    }),
  );
  // The pages' CSS and script; URLs carry a content hash (ViewRenderer.assetVersion), so a day of caching is safe.
  app.useStaticAssets(PUBLIC_DIR, { prefix: '/assets/', maxAge: '1d', index: false, fallthrough: true });
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
