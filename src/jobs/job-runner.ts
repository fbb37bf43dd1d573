import type { JobStatus, QueueCounts, QueueName } from './job-types';

/** Options after the defaults from the configuration are applied. */
export interface AddOptions {
  jobId?: string;
  attempts: number;
  backoffMs: number;
  delayMs: number;
}

/** What JobQueue needs from either runner: Bull on Redis, or the in-memory one of the embedded default. */
export interface JobRunner {
  readonly mode: 'bull' | 'in-process';
  /** `added: false` when a job with this jobId is already there (waiting, running or kept). */
  add(queue: QueueName, name: string, data: unknown, opts: AddOptions): Promise<{ id: string; added: boolean }>;
  /** Starts running the processors of this process. */
  start(): Promise<void>;
  /** Resolves with the processor's result once the job completes; rejects when it has failed for good. */
  finished(queue: QueueName, id: string): Promise<unknown>;
  /** Resolves once no job is waiting, running or waiting for a retry. */
  drain(timeoutMs: number): Promise<void>;
  status(queue: QueueName, id: string): Promise<JobStatus | null>;
  counts(): Promise<Record<QueueName, QueueCounts>>;
  /** Stops taking jobs, lets the running ones finish, then lets go of its resources. */
  close(): Promise<void>;
}
