import { Logger } from '@nestjs/common';
import Bull from 'bull';
import type { JobRegistry } from './job-registry';
import type { AddOptions, JobRunner } from './job-runner';
import {
  CONCURRENCY,
  JobState,
  JobStatus,
  KEEP_COMPLETED,
  KEEP_FAILED,
  QueueCounts,
  QueueName,
  QUEUES,
} from './job-types';

/** A Redis that does not answer must not hang an HTTP request that enqueues. */
const ADD_TIMEOUT_MS = 5000;

export interface BullRunnerOptions {
  redisUrl: string;
  prefix: string;
  /** How long a job's lock lasts without renewal: a worker silent this long is taken for dead. */
  lockMs: number;
}

/**
 * Bull on Redis. One Bull queue per queue name; one `*` processor per queue dispatches by job name,
 * so the queue's concurrency is what CONCURRENCY says (named processors would add theirs together).
 * Stalled jobs — a worker that died mid-job — go back to waiting after `stalledInterval`.
 */
export class BullRunner implements JobRunner {
  readonly mode = 'bull' as const;
  private readonly logger = new Logger('Jobs');
  private readonly queues = new Map<QueueName, Bull.Queue>();
  private readonly ready = new Set<QueueName>();

  constructor(
    private readonly options: BullRunnerOptions,
    private readonly registry: JobRegistry,
  ) {}

  async add(queue: QueueName, name: string, data: unknown, opts: AddOptions): Promise<{ id: string; added: boolean }> {
    const q = this.queue(queue);
    if (opts.jobId !== undefined && (await withTimeout(q.getJob(opts.jobId), ADD_TIMEOUT_MS)))
      return { id: opts.jobId, added: false };
    const job = await withTimeout(
      q.add(name, data ?? {}, {
        jobId: opts.jobId,
        attempts: opts.attempts,
        backoff: { type: 'exponential', delay: opts.backoffMs },
        delay: opts.delayMs || undefined,
      }),
      ADD_TIMEOUT_MS,
    );
    return { id: String(job.id), added: true };
  }

  async start(): Promise<void> {
    for (const name of QUEUES) {
      const q = this.queue(name);
      q.on('failed', (job, err) => {
        const final = job.attemptsMade >= (job.opts.attempts ?? 1);
        const what = `任务 ${name}:${job.name}（${job.id}）第 ${job.attemptsMade} 次失败`;
        if (final) this.logger.error(`${what}，不再重试：${err.message}`);
        else this.logger.warn(`${what}，稍后重试：${err.message}`);
      });
      q.on('stalled', (job) => this.logger.warn(`任务 ${name}:${job.name}（${job.id}）的处理进程失联，已放回队列`));
      // Without await: Bull's process() resolves only when the queue closes.
      void q
        .process('*', CONCURRENCY[name], (job: Bull.Job) =>
          this.registry.handlerFor(
            name,
            job.name,
          )({
            queue: name,
            name: job.name,
            id: String(job.id),
            data: job.data,
            attempt: job.attemptsMade + 1,
            maxAttempts: job.opts.attempts ?? 1,
          }),
        )
        .catch((e: Error) => this.logger.error(`任务队列 ${name} 停止处理：${e.message}`));
    }
  }

  /**
   * A repeatable job, every `everyMs`. Bull keeps one schedule per name and interval, so every
   * worker may call this; a schedule with another interval (the setting changed) is removed.
   */
  async repeat(queue: QueueName, name: string, everyMs: number): Promise<void> {
    const q = this.queue(queue);
    for (const r of await q.getRepeatableJobs())
      if (r.name === name && Number(r.every) !== everyMs) await q.removeRepeatableByKey(r.key);
    await q.add(name, {}, { repeat: { every: everyMs }, attempts: 1 });
  }

  /**
   * Not Bull's job.finished(): it can miss a completion that lands between its check and its listener
   * (seen here as a 5 s wait). Listens first, then checks, and checks again every second.
   */
  finished(queue: QueueName, id: string): Promise<unknown> {
    const q = this.queue(queue);
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (done: () => void) => {
        if (settled) return;
        settled = true;
        q.removeListener('global:completed', onEvent);
        q.removeListener('global:failed', onEvent);
        clearInterval(timer);
        done();
      };
      const check = async () => {
        const job = await q.getJob(id);
        if (!job) return settle(() => reject(new Error(`任务 ${queue}:${id} 不存在`)));
        const state = await job.getState();
        if (state !== 'completed' && state !== 'failed') return;
        // The job may have finished between reading it and reading its state: read it again for its result.
        const done = (await q.getJob(id)) ?? job;
        if (state === 'completed') settle(() => resolve(done.returnvalue));
        else settle(() => reject(new Error(done.failedReason ?? '任务失败')));
      };
      const recheck = () => void check().catch((e: Error) => settle(() => reject(e)));
      const onEvent = (jobId: string) => String(jobId) === id && recheck();
      q.on('global:completed', onEvent);
      q.on('global:failed', onEvent);
      const timer = setInterval(recheck, 1000);
      recheck();
    });
  }

  async drain(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (await this.idle()) return;
      if (Date.now() > until) throw new Error(`任务队列 ${timeoutMs} 毫秒内未清空`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async status(queue: QueueName, id: string): Promise<JobStatus | null> {
    const found = await this.queue(queue).getJob(id);
    if (!found) return null;
    const state = (await found.getState()) as string;
    // Read again after the state, so that the counts are not older than it.
    const job = (await this.queue(queue).getJob(id)) ?? found;
    return {
      queue,
      id: String(job.id),
      name: job.name,
      state: (state === 'paused' ? 'waiting' : state) as JobState,
      // Bull counts failed tries only; the successful one counts too here, as in-process.
      attemptsMade: job.attemptsMade + (state === 'completed' ? 1 : 0),
      failedReason: job.failedReason ?? null,
    };
  }

  async counts(): Promise<Record<QueueName, QueueCounts>> {
    const out = {} as Record<QueueName, QueueCounts>;
    for (const name of QUEUES) {
      const c = await withTimeout(this.queue(name).getJobCounts(), 1000);
      out[name] = { waiting: c.waiting, active: c.active, delayed: c.delayed, failed: c.failed };
    }
    return out;
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.queues.entries()].map(async ([name, q]) => {
        // close() waits for the running jobs; on a Redis that never answered there are none, and close() would wait for it.
        if (this.ready.has(name)) await q.close();
        else await (q as Bull.Queue & { disconnect(): Promise<void> }).disconnect();
      }),
    );
  }

  /** Waiting, running or retrying jobs; the next run of a repeatable job does not count. */
  private async idle(): Promise<boolean> {
    for (const name of QUEUES) {
      const q = this.queue(name);
      const c = await q.getJobCounts();
      if (c.waiting || c.active) return false;
      if (c.delayed && (await q.getDelayed()).some((j) => !String(j.id).startsWith('repeat:'))) return false;
    }
    return true;
  }

  private queue(name: QueueName): Bull.Queue {
    let q = this.queues.get(name);
    if (q) return q;
    q = new Bull(name, this.options.redisUrl, {
      prefix: this.options.prefix,
      defaultJobOptions: {
        removeOnComplete: { count: KEEP_COMPLETED.count, age: KEEP_COMPLETED.ageSeconds },
        removeOnFail: { count: KEEP_FAILED.count, age: KEEP_FAILED.ageSeconds },
      },
      // A job's lock is renewed every lockMs/2; a worker silent for lockMs (default 30 s) is taken for dead and its job runs again (twice at most).
      settings: { lockDuration: this.options.lockMs, stalledInterval: this.options.lockMs, maxStalledCount: 2 },
    });
    let lastError = '';
    q.on('error', (e: Error) => {
      if (e.message !== lastError) this.logger.error(`任务队列 ${name} 的 Redis 连接出错：${e.message}`);
      lastError = e.message;
    });
    q.client.once('ready', () => this.ready.add(name));
    this.queues.set(name, q);
    return q;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis ${ms} 毫秒内无应答`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
