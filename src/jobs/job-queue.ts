import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BullRunner } from './bull-runner';
import { InProcessRunner } from './in-process-runner';
import { JobRegistry } from './job-registry';
import type { JobRunner } from './job-runner';
import {
  EnqueueOptions,
  JobName,
  JobStatus,
  PayloadOf,
  QueueCounts,
  QueueName,
  QUEUES,
  SWEEP,
  DISPATCH,
} from './job-types';
import { pingRedis } from './redis-ping';

export interface QueueHealth {
  status: 'ok' | 'down';
  mode: 'bull' | 'in-process';
  /** This process runs the processors (the embedded default, a worker, or XS_INLINE_WORKER=1). */
  processing: boolean;
  waiting?: number;
  failed?: number;
  message?: string;
}

/**
 * The one way to enqueue, whatever runs the jobs.
 *
 * Process model:
 * - REDIS_URL unset (the embedded default): jobs run in the api process, in memory (InProcessRunner).
 * - REDIS_URL set: the api processes enqueue into Bull; `src/worker.ts` (`npm run start:worker`)
 *   runs the processors. `XS_INLINE_WORKER=1` makes the api process run them too — for a one-machine
 *   install that still wants Redis' durability; off by default so that scaling the api out does not
 *   also multiply PDF rendering, which wants its own processes.
 * Processing starts explicitly (`startProcessing`), after the database is migrated.
 * On shutdown (app.close(), SIGTERM) the running jobs finish before the database closes.
 */
@Injectable()
export class JobQueue implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly runner: JobRunner;
  private processing = false;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: JobRegistry,
  ) {
    this.runner = config.redisUrl
      ? new BullRunner({ redisUrl: config.redisUrl, prefix: config.jobs.prefix, lockMs: config.jobs.lockMs }, registry)
      : new InProcessRunner(registry);
  }

  get mode(): 'bull' | 'in-process' {
    return this.runner.mode;
  }

  get isProcessing(): boolean {
    return this.processing;
  }

  /** Whether the api process runs the processors itself (no Redis, or XS_INLINE_WORKER=1). */
  get processesInApi(): boolean {
    return !this.config.redisUrl || this.config.jobs.inlineWorker;
  }

  /**
   * Adds a job; resolves once it is stored (not run). Call it after the transaction that the job
   * reads has committed. With the same `jobId` a job is added once (see EnqueueOptions.jobId).
   */
  async enqueue<Q extends QueueName, N extends JobName<Q>>(
    queue: Q,
    name: N,
    data: PayloadOf<Q, N>,
    opts: EnqueueOptions = {},
  ): Promise<{ id: string; added: boolean }> {
    return this.add(queue, name, data, opts);
  }

  /** Runs one job now and waits for its result (tests: `runNow('deadlines', 'sweep')` instead of waiting for the timer). */
  async runNow<Q extends QueueName, N extends JobName<Q>>(
    queue: Q,
    name: N,
    data: PayloadOf<Q, N> = {} as PayloadOf<Q, N>,
  ): Promise<unknown> {
    const { id } = await this.add(queue, name, data, { jobId: `now:${randomUUID()}` });
    return this.runner.finished(queue, id);
  }

  /** Resolves with the job's result once it completes; rejects once it has failed for good. */
  finished(queue: QueueName, id: string): Promise<unknown> {
    return this.runner.finished(queue, id);
  }

  /** Waits until no job is waiting, running or waiting for a retry (tests, and the worker's shutdown log). */
  drain(timeoutMs = 30_000): Promise<void> {
    return this.runner.drain(timeoutMs);
  }

  status(queue: QueueName, id: string): Promise<JobStatus | null> {
    return this.runner.status(queue, id);
  }

  counts(): Promise<Record<QueueName, QueueCounts>> {
    return this.runner.counts();
  }

  /**
   * Starts the processors in this process, and the periodic jobs some module processes: the deadlines sweep (every
   * XS_SWEEP_MINUTES, when some module has a sweep step) and the notice dispatch (every XS_NOTICE_DISPATCH_SECONDS).
   */
  async startProcessing(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    await this.runner.start();
    const periodic: [QueueName, string, number][] = [];
    if (this.registry.sweepSteps().length)
      periodic.push([SWEEP.queue, SWEEP.name, this.config.jobs.sweepMinutes * 60_000]);
    if (this.registry.has(DISPATCH.queue, DISPATCH.name))
      periodic.push([DISPATCH.queue, DISPATCH.name, this.config.notices.dispatchSeconds * 1000]);
    for (const [queue, name, everyMs] of periodic) {
      if (this.runner instanceof BullRunner) {
        await this.runner.repeat(queue, name, everyMs);
        continue;
      }
      const timer = setInterval(() => {
        // One run per interval even if the timer fires late: the slot is the id.
        const slot = Math.floor(Date.now() / everyMs);
        this.add(queue, name, {}, { jobId: `${name}:${slot}`, attempts: 1 }).catch((e: Error) =>
          this.logger.error(`无法安排定时任务 ${queue}:${name}：${e.message}`),
        );
      }, everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  async health(): Promise<QueueHealth> {
    const base = { mode: this.mode, processing: this.processing };
    try {
      if (this.config.redisUrl) await pingRedis(this.config.redisUrl);
      const counts = Object.values(await this.runner.counts());
      return { status: 'ok', ...base, waiting: sum(counts, 'waiting'), failed: sum(counts, 'failed') };
    } catch (e) {
      return { status: 'down', ...base, message: `Redis 无法连接：${(e as Error).message}` };
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    this.processing = false;
    await this.runner.close();
  }

  private async add(
    queue: QueueName,
    name: string,
    data: unknown,
    opts: EnqueueOptions,
  ): Promise<{ id: string; added: boolean }> {
    if (!QUEUES.includes(queue)) throw new Error(`未知的任务队列：${String(queue)}`);
    // Every process registers the same processors, so a job nobody could run is refused here, not lost later.
    this.registry.handlerFor(queue, name);
    const resolved = {
      jobId: opts.jobId,
      attempts: opts.attempts ?? this.config.jobs.attempts,
      backoffMs: opts.backoffMs ?? this.config.jobs.backoffMs,
      delayMs: opts.delayMs ?? 0,
    };
    try {
      return await this.runner.add(queue, name, data, resolved);
    } catch (e) {
      this.logger.error(`无法加入任务 ${queue}:${name}：${(e as Error).message}`);
      throw new AppError(503, 'QUEUE_UNAVAILABLE', '任务队列暂时不可用，请稍后重试', { retryAfterSeconds: 10 });
    }
  }
}

const sum = (counts: QueueCounts[], field: keyof QueueCounts) => counts.reduce((n, c) => n + c[field], 0);
