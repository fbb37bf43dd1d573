import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DeadlineSweeper } from './deadline-sweeper';
import { JobQueue } from './job-queue';
import { JobRegistry } from './job-registry';

/** The queues, for every module: inject JobQueue to enqueue, mark methods `@JobProcessor` to process and `@SweepStep` to join the deadlines sweep. */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [JobRegistry, JobQueue, DeadlineSweeper],
  exports: [JobQueue],
})
export class JobsModule {}
