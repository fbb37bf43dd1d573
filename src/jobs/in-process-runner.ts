import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { JobRegistry } from './job-registry';
import type { AddOptions, JobRunner } from './job-runner';
import {
  backoffDelay,
  CONCURRENCY,
  JobState,
  JobStatus,
  KEEP_COMPLETED,
  KEEP_FAILED,
  QueueCounts,
  QueueName,
  QUEUES,
} from './job-types';

interface MemJob {
  queue: QueueName;
  id: string;
  name: string;
  data: unknown;
  opts: AddOptions;
  state: JobState;
  attemptsMade: number;
  failedReason: string | null;
  finishedAt: number;
  result?: unknown;
  waiters: { resolve: (v: unknown) => void; reject: (e: Error) => void }[];
}

/**
 * The embedded default's queue (no REDIS_URL): the same processors, called in this process with
 * Bull's rules — retries with exponential backoff, jobIds that dedupe while the job is kept,
 * a bounded number of kept finished jobs, and a close that waits for the running jobs.
 * Jobs live in memory: waiting ones are lost on exit, which is why sweeps and processors are idempotent
 * and the periodic sweep finds again whatever a lost job would have done.
 */
export class InProcessRunner implements JobRunner {
  readonly mode = 'in-process' as const;
  private readonly logger = new Logger('Jobs');
  private readonly jobs = new Map<string, MemJob>();
  private readonly waiting = new Map<QueueName, MemJob[]>(QUEUES.map((q) => [q, []]));
  private readonly active = new Map<QueueName, Set<Promise<void>>>(QUEUES.map((q) => [q, new Set()]));
  private readonly timers = new Map<NodeJS.Timeout, MemJob>();
  private readonly idleWaiters: (() => void)[] = [];
  private processing = false;
  private closing = false;

  constructor(private readonly registry: JobRegistry) {}

  async add(queue: QueueName, name: string, data: unknown, opts: AddOptions): Promise<{ id: string; added: boolean }> {
    if (this.closing) throw new Error('任务队列正在关闭');
    const id = opts.jobId ?? randomUUID();
    if (this.jobs.has(key(queue, id))) return { id, added: false };
    // Through JSON, as Bull stores it: a processor sees the same data in both modes.
    const job: MemJob = {
      queue,
      id,
      name,
      data: JSON.parse(JSON.stringify(data ?? {})),
      opts,
      state: 'waiting',
      attemptsMade: 0,
      failedReason: null,
      finishedAt: 0,
      waiters: [],
    };
    this.jobs.set(key(queue, id), job);
    if (opts.delayMs > 0) this.delay(job, opts.delayMs);
    else this.enqueue(job);
    return { id, added: true };
  }

  async start(): Promise<void> {
    this.processing = true;
    for (const q of QUEUES) this.pump(q);
  }

  finished(queue: QueueName, id: string): Promise<unknown> {
    const job = this.jobs.get(key(queue, id));
    if (!job) return Promise.reject(new Error(`任务 ${queue}:${id} 不存在`));
    if (job.state === 'completed') return Promise.resolve(job.result);
    if (job.state === 'failed') return Promise.reject(new Error(job.failedReason ?? '任务失败'));
    return new Promise((resolve, reject) => job.waiters.push({ resolve, reject }));
  }

  drain(timeoutMs: number): Promise<void> {
    if (this.idle()) return Promise.resolve();
    if (!this.processing) return Promise.reject(new Error('本进程不处理任务，无法等待队列清空'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`任务队列 ${timeoutMs} 毫秒内未清空`)), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async status(queue: QueueName, id: string): Promise<JobStatus | null> {
    const job = this.jobs.get(key(queue, id));
    return job
      ? { queue, id, name: job.name, state: job.state, attemptsMade: job.attemptsMade, failedReason: job.failedReason }
      : null;
  }

  async counts(): Promise<Record<QueueName, QueueCounts>> {
    const out = {} as Record<QueueName, QueueCounts>;
    for (const q of QUEUES) out[q] = { waiting: 0, active: 0, delayed: 0, failed: 0 };
    for (const job of this.jobs.values()) if (job.state !== 'completed') out[job.queue][job.state]++;
    return out;
  }

  async close(): Promise<void> {
    this.closing = true;
    this.processing = false;
    for (const timer of this.timers.keys()) clearTimeout(timer);
    this.timers.clear();
    // Let the running jobs finish: they may be halfway through a transaction.
    for (;;) {
      const running = QUEUES.flatMap((q) => [...this.active.get(q)!]);
      if (!running.length) break;
      await Promise.allSettled(running);
    }
    for (const job of this.jobs.values()) {
      if (job.state !== 'waiting' && job.state !== 'delayed') continue;
      this.logger.warn(`进程退出，未执行的任务 ${job.queue}:${job.name}（${job.id}）已放弃；定期扫描会补上它该做的事`);
      job.failedReason = '进程退出，任务未执行';
      this.finish(job, 'failed');
    }
    for (const q of QUEUES) this.waiting.get(q)!.length = 0;
    this.checkIdle();
  }

  private enqueue(job: MemJob): void {
    job.state = 'waiting';
    this.waiting.get(job.queue)!.push(job);
    this.pump(job.queue);
  }

  private delay(job: MemJob, ms: number): void {
    job.state = 'delayed';
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.enqueue(job);
    }, ms);
    timer.unref();
    this.timers.set(timer, job);
  }

  private pump(queue: QueueName): void {
    const active = this.active.get(queue)!;
    const waiting = this.waiting.get(queue)!;
    while (this.processing && active.size < CONCURRENCY[queue] && waiting.length) {
      const run = this.run(waiting.shift()!).finally(() => {
        active.delete(run);
        this.pump(queue);
        this.checkIdle();
      });
      active.add(run);
    }
  }

  private async run(job: MemJob): Promise<void> {
    job.state = 'active';
    const attempt = job.attemptsMade + 1;
    try {
      const handler = this.registry.handlerFor(job.queue, job.name);
      const result = await handler({
        queue: job.queue,
        name: job.name,
        id: job.id,
        data: job.data,
        attempt,
        maxAttempts: job.opts.attempts,
      });
      job.attemptsMade = attempt;
      this.finish(job, 'completed', result);
    } catch (e) {
      job.attemptsMade = attempt;
      job.failedReason = (e as Error).message ?? String(e);
      if (attempt < job.opts.attempts && !this.closing) {
        this.logger.warn(
          `任务 ${job.queue}:${job.name}（${job.id}）第 ${attempt} 次失败，稍后重试：${job.failedReason}`,
        );
        this.delay(job, backoffDelay(job.opts.backoffMs, attempt));
      } else {
        this.logger.error(
          `任务 ${job.queue}:${job.name}（${job.id}）失败 ${attempt} 次，不再重试：${job.failedReason}`,
        );
        this.finish(job, 'failed');
      }
    }
  }

  private finish(job: MemJob, state: 'completed' | 'failed', result?: unknown): void {
    job.state = state;
    job.result = result;
    job.finishedAt = Date.now();
    for (const w of job.waiters.splice(0)) {
      if (state === 'completed') w.resolve(result);
      else w.reject(new Error(job.failedReason ?? '任务失败'));
    }
    this.prune(state);
  }

  /** Keeps finished jobs within Bull's bounds (count and age), oldest first out. */
  private prune(state: 'completed' | 'failed'): void {
    const keep = state === 'completed' ? KEEP_COMPLETED : KEEP_FAILED;
    const finished = [...this.jobs.values()]
      .filter((j) => j.state === state)
      .sort((a, b) => a.finishedAt - b.finishedAt);
    const cutoff = Date.now() - keep.ageSeconds * 1000;
    finished.forEach((job, i) => {
      if (finished.length - i > keep.count || job.finishedAt < cutoff) this.jobs.delete(key(job.queue, job.id));
    });
  }

  private idle(): boolean {
    return [...this.jobs.values()].every((j) => j.state === 'completed' || j.state === 'failed');
  }

  private checkIdle(): void {
    if (this.idle()) for (const notify of this.idleWaiters.splice(0)) notify();
  }
}

const key = (queue: QueueName, id: string) => `${queue}:${id}`;
