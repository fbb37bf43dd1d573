import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { JobProcessor } from './job-processor.decorator';
import { JobRegistry } from './job-registry';
import type { JobContext } from './job-types';

/**
 * The `deadlines:sweep` job: runs every `@SweepStep` with the Clock's time. Scheduled every
 * XS_SWEEP_MINUTES (a Bull repeatable job, or a timer in-process); tests run it with
 * `jobs.runNow('deadlines', 'sweep')` after moving the clock.
 */
@Injectable()
export class DeadlineSweeper {
  private readonly logger = new Logger('Sweep');

  constructor(
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
  ) {}

  /** Every step runs even when one fails; the job fails afterwards, naming the failed steps. */
  @JobProcessor('deadlines', 'sweep')
  async sweep(job: JobContext<Record<string, never>>): Promise<Record<string, unknown>> {
    const now = this.clock.now();
    const results: Record<string, unknown> = {};
    const failed: string[] = [];
    for (const [name, step] of this.registry.sweepSteps()) {
      try {
        results[name] = (await step({ now, jobId: job.id })) ?? null;
      } catch (e) {
        failed.push(`${name}：${(e as Error).message}`);
        this.logger.error(`期限扫描步骤 ${name} 失败：${(e as Error).message}`);
      }
    }
    if (failed.length) throw new Error(`期限扫描有步骤失败：${failed.join('；')}`);
    return results;
  }
}
