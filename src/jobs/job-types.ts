/** The queues. A job carries ids, never whole documents (ARCHITECTURE.md, "Jobs"). */
export const QUEUES = ['deadlines', 'reports', 'notifications'] as const;
export type QueueName = (typeof QUEUES)[number];

/** How many jobs of one queue run at once in one process (all job names of the queue together). */
export const CONCURRENCY: Record<QueueName, number> = { deadlines: 1, reports: 1, notifications: 2 };

/** The deadlines sweep: reminders, overdue marks and evaluation time-outs, found by asking the Clock. */
export const SWEEP = { queue: 'deadlines', name: 'sweep' } as const;

/** The notice dispatch: new notices → e-mail and SMS deliveries, and the due ones queued (notice-dispatcher.ts). */
export const DISPATCH = { queue: 'notifications', name: 'dispatch' } as const;

/**
 * The payload of each job, keyed `queue:name`. A feature adds its jobs by declaration merging:
 * `declare module '../jobs/job-types' { interface JobPayloads { 'reports:render': { reportId: number } } }`.
 */
export interface JobPayloads {
  'deadlines:sweep': Record<string, never>;
}

/** The job names of one queue that have a payload type. */
export type JobName<Q extends QueueName> = keyof JobPayloads extends infer K
  ? K extends `${Q}:${infer N}`
    ? N
    : never
  : never;
export type PayloadOf<Q extends QueueName, N extends string> = `${Q}:${N}` extends keyof JobPayloads
  ? JobPayloads[`${Q}:${N}`]
  : never;

/** What a processor receives. `data` went through JSON (dates arrive as strings) in both modes. */
export interface JobContext<T = unknown> {
  queue: QueueName;
  name: string;
  id: string;
  data: T;
  /** 1 on the first try, 2 on the first retry … */
  attempt: number;
  /** How many tries the job has in all: `attempt === maxAttempts` is the last. */
  maxAttempts: number;
}

/** What a sweep step receives: the Clock's time at the start of the sweep. */
export interface SweepContext {
  now: Date;
  jobId: string;
}

export type SweepHandler = (ctx: SweepContext) => Promise<unknown> | unknown;

export type JobHandler<T = unknown> = (job: JobContext<T>) => Promise<unknown> | unknown;

export interface EnqueueOptions {
  /**
   * Makes enqueueing idempotent: a job with this id is added once while it waits, runs, or is kept
   * after finishing (completed jobs are kept a day, up to 1000 per queue). To run the same work again
   * on purpose, vary the id (e.g. `remind:${proposalId}:${deadline}`).
   */
  jobId?: string;
  /** Overrides XS_JOB_ATTEMPTS for this job. */
  attempts?: number;
  /** Overrides XS_JOB_BACKOFF_MS for this job. */
  backoffMs?: number;
  /** Runs no earlier than this many milliseconds from now. */
  delayMs?: number;
}

export type JobState = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed';

export interface JobStatus {
  queue: QueueName;
  id: string;
  name: string;
  state: JobState;
  /** Tries that have ended (failed or succeeded). */
  attemptsMade: number;
  failedReason: string | null;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/** Kept finished jobs: a jobId blocks re-adding while its job is kept. */
export const KEEP_COMPLETED = { count: 1000, ageSeconds: 24 * 3600 };
export const KEEP_FAILED = { count: 5000, ageSeconds: 7 * 24 * 3600 };

/** Delay before retry number `retry` (1 = first retry): Bull's exponential backoff, `base · 2^(retry−1)`. */
export function backoffDelay(baseMs: number, retry: number): number {
  return baseMs * 2 ** (retry - 1);
}

export function isQueueName(value: string): value is QueueName {
  return (QUEUES as readonly string[]).includes(value);
}
