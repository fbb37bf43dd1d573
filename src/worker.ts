import 'reflect-metadata';
import { Logger } from '@nestjs/common';
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
  new Logger('Worker').log(`任务进程已启动（队列前缀 ${config.jobs.prefix}，模式 ${worker.get(JobQueue).mode}）`);
}

main().catch((e: Error) => {
  exitOnConfigError(e);
  new Logger('Worker').fatal(`启动失败：${e.message}`);
  process.exit(1);
});
