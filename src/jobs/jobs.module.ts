import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobQueue } from './job-queue';
import { JobRegistry } from './job-registry';

/** The queues, for every module: inject JobQueue to enqueue, mark methods `@JobProcessor` to process. */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [JobRegistry, JobQueue],
  exports: [JobQueue],
})
export class JobsModule {}
