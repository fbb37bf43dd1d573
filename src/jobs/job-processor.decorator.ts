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
export const JobProcessor = (queue: QueueName, name: string) => SetMetadata<string, JobProcessorMeta>(JOB_PROCESSOR_KEY, { queue, name });
