import { SetMetadata } from '@nestjs/common';
import type { QueueName } from './job-types';

export const JOB_PROCESSOR_KEY = 'xs:job-processor';

export interface JobProcessorMeta {
  queue: QueueName;
  name: string;
}

/**
 * Marks a method of a Nest provider as the processor of one job:
 * `@JobProcessor('deadlines', 'sweep') async sweep(job: JobContext<{}>) { … }`.
 * The method receives a JobContext; it must be idempotent (Bull delivers at least once).
 * One processor per job: a second one stops start-up.
 */
export const JobProcessor = (queue: QueueName, name: string) =>
  SetMetadata<string, JobProcessorMeta>(JOB_PROCESSOR_KEY, { queue, name });

export const SWEEP_STEP_KEY = 'xs:sweep-step';

/**
 * Marks a method as one step of the periodic deadlines sweep (`deadlines:sweep`, every XS_SWEEP_MINUTES):
 * `@SweepStep('proposal-deadlines') async sweepDeadlines(ctx: SweepContext) { … }`. Each feature with
 * deadlines adds its own step (proposal reminders and overdue marks, evaluation time-outs, 252 promises);
 * a step asks `ctx.now` (the Clock), finds what is due and acts idempotently — it runs again every few
 * minutes and after crashes. One failing step does not stop the others.
 */
export const SweepStep = (name: string) => SetMetadata(SWEEP_STEP_KEY, name);
