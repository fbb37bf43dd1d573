import 'reflect-metadata';
import type { Server } from 'node:http';
import { INestApplication, Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { exitOnConfigError, loadConfigOrExit } from './config/app-config';

/** How long SIGTERM waits for in-flight requests before closing their connections. */
const DRAIN_MS = 30_000;

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const { app } = await createApp(config);
  await app.listen(config.port);
  stopGracefully(app);
  new Logger('Main').log(`协商平台已启动：http://localhost:${config.port}（数据库：${config.database.type}）`);
}

/**
 * SIGTERM/SIGINT: stop accepting connections, let the requests in flight finish (their database is still
 * open), then close the application — which lets a running in-process job finish — and exit. Nest's own
 * shutdown hooks would close the database before the HTTP server, failing the requests in flight.
 */
function stopGracefully(app: INestApplication): void {
  const logger = new Logger('Main');
  const server = app.getHttpServer() as Server;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`收到 ${signal}：不再接受新请求，等待进行中的请求完成`);
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => {
      logger.warn(`${DRAIN_MS / 1000} 秒内仍有请求未完成，强制关闭连接`);
      server.closeAllConnections();
    }, DRAIN_MS);
    await drained;
    clearTimeout(timer);
    await app.close();
    logger.log('已停止');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop(signal));
}

main().catch((e: Error) => {
  exitOnConfigError(e);
  new Logger('Main').fatal(`启动失败：${e.message}`);
  process.exit(1);
});
