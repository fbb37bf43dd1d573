import { ConsoleLogger, INestApplication, INestApplicationContext, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import { Bootstrapper } from './app.bootstrapper';
import { AppModule, AppOptions } from './app.module';
import { SecurityEventsService } from './audit/security-events.service';
import { apiNoStoreMiddleware } from './common/api-headers.middleware';
import { ErrorFilter } from './common/error.filter';
import { jsonDepthVerifier } from './common/json-depth';
import { mountOpenApi } from './common/openapi';
import { requestIdMiddleware } from './common/request-id.middleware';
import { createValidationPipe } from './common/validation';
import { AppConfig, ConfigError } from './config/app-config';
import { PUBLIC_DIR } from './config/paths';
import { JobQueue } from './jobs/job-queue';

export interface CreatedApp {
  app: INestApplication;
  adminPassword?: string;
}

export function createLogger(config: AppConfig): ConsoleLogger {
  const levels: LogLevel[] = ['fatal', 'error', 'warn', 'log'];
  return new ConsoleLogger({ json: config.logJson, logLevels: levels.slice(0, levels.indexOf(config.logLevel) + 1) });
}

/**
 * `/API/v1/…` is not `/api/v1/…`: Express matches paths case-insensitively by default (security review H2). Its
 * application router takes the setting when it is created, which the Nest adapter has already done, so the
 * router is told as well, before any route or middleware is added to it.
 */
function caseSensitiveRouting(app: NestExpressApplication): void {
  app.set('case sensitive routing', true);
  const http = app.getHttpAdapter().getInstance() as { router: { caseSensitive?: boolean } };
  http.router.caseSensitive = true;
}

/**
 * Builds the HTTP application (used by main.ts and by the e2e suites): migrated, seeded, initialised,
 * running jobs when it is the one that runs them (see JobQueue), not yet listening.
 */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<CreatedApp> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    logger: createLogger(config),
    bodyParser: false,
  });
  caseSensitiveRouting(app);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(apiNoStoreMiddleware);
  app.use(
    helmet({
      contentSecurityPolicy: {
        // No upgrade-insecure-requests: on a plain-http intranet address it sends the pages' CSS, script
        // and form posts to https, where nothing answers. Behind TLS it changes nothing for same-origin URLs.
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  // The pages' CSS and script; URLs carry a content hash (ViewRenderer.assetVersion), so a day of caching is safe.
  app.useStaticAssets(PUBLIC_DIR, { prefix: '/assets/', maxAge: '1d', index: false, fallthrough: true });
  app.use(cookieParser());
  // Nesting is limited before parsing (JSON_TOO_DEEP): a body thousands of levels deep overflowed the validation pipe.
  // (Nest's type leaves out `verify`, which it uses only for rawBody; without rawBody the option goes to body-parser.)
  const jsonOptions = { limit: '1mb', verify: jsonDepthVerifier() };
  app.useBodyParser('json', jsonOptions);
  app.useBodyParser('urlencoded', { extended: false, limit: '1mb' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter(app.get(SecurityEventsService)));
  // No enableShutdownHooks here: main.ts stops the HTTP server before closing the app (see stopGracefully).
  // The API map is for developers and integrators: on with the demo data, in production only with XS_API_DOCS=1.
  if (config.apiDocs) mountOpenApi(app);
  // Keep idle connections longer than the clients and proxies in front do (nginx, Node's keep-alive agent):
  // a server closing a socket the client is just reusing resets that request (ECONNRESET).
  const server = app.getHttpServer() as import('node:http').Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const boot = await app.get(Bootstrapper).run();
  await app.init();
  await app.get(Bootstrapper).afterInit();
  const jobs = app.get(JobQueue);
  if (jobs.processesInApi) await jobs.startProcessing();
  return { app, adminPassword: boot.adminPassword };
}

/**
 * The worker (src/worker.ts): the same application as an application context without HTTP, running
 * the processors. It never changes the schema: it waits until an api process has migrated it.
 */
export async function createWorker(config: AppConfig, options: AppOptions = {}): Promise<INestApplicationContext> {
  if (!config.redisUrl)
    throw new ConfigError('REDIS_URL', '未设置：没有 Redis 时任务在 api 进程内执行，无需单独启动 worker');
  const ctx = await NestFactory.createApplicationContext(AppModule.forRoot(config, options), {
    logger: createLogger(config),
  });
  try {
    await waitForSchema(ctx.get(DataSource));
    await ctx.get(JobQueue).startProcessing();
  } catch (e) {
    await ctx.close();
    throw e;
  }
  return ctx;
}

async function waitForSchema(ds: DataSource, timeoutMs = 10 * 60_000): Promise<void> {
  const logger = new Logger('Worker');
  const until = Date.now() + timeoutMs;
  for (let i = 0; await ds.showMigrations(); i++) {
    if (Date.now() > until) throw new Error('数据库结构一直未更新到最新：请先启动 api 进程完成迁移');
    if (i % 15 === 0) logger.warn('数据库结构尚未迁移到最新，等待 api 进程完成迁移');
    await new Promise((r) => setTimeout(r, 2000));
  }
}
