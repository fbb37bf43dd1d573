import 'reflect-metadata';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { createWorker } from './app.factory';
import { exitOnConfigError, loadConfigOrExit } from './config/app-config';
import { JobQueue } from './jobs/job-queue';

/**
 * `npm run start:worker`: runs the job processors against REDIS_URL, no HTTP. Any number of workers
 * may run beside any number of api processes. SIGTERM/SIGINT: stops taking jobs, lets the running
 * ones finish, then exits.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (!config.redisUrl) {
    process.stderr.write(
      '配置错误：环境变量 REDIS_URL 未设置。没有 Redis 时任务在 api 进程内执行，无需单独启动 worker\n',
    );
    process.exit(78);
  }
  const worker = await createWorker(config);
  stopGracefully(worker);
  new Logger('Worker').log(`任务进程已启动（队列前缀 ${config.jobs.prefix}，模式 ${worker.get(JobQueue).mode}）`);
}

/**
 * SIGTERM/SIGINT: close the context — JobQueue stops taking jobs and lets the running ones finish — and exit 0.
 * (Nest's own shutdown hooks would re-raise the signal after closing: the exit status 143 of a killed process.)
 */
function stopGracefully(worker: INestApplicationContext): void {
  const logger = new Logger('Worker');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`收到 ${signal}：不再接收新任务，等待进行中的任务完成`);
    await worker.close();
    logger.log('已停止');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop(signal));
}

main().catch((e: Error) => {
  exitOnConfigError(e);
  new Logger('Worker').fatal(`启动失败：${e.message}`);
  process.exit(1);
});
