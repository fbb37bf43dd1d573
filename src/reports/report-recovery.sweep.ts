import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In, LessThan } from 'typeorm';
import { SweepStep } from '../jobs/job-processor.decorator';
import { JobQueue } from '../jobs/job-queue';
import type { SweepContext } from '../jobs/job-types';
import { RENDER_JOB, renderJobOf } from './render-jobs';
import { Report } from './report.entities';

/** A report still unfinished this long after it was requested is looked at: longer than every try with its back-off. */
export const STUCK_AFTER_MS = 15 * 60_000;

export interface ReportRecoveryResult {
  /** Reports whose job was gone (Redis lost it, or the process that held it in memory ended): enqueued again. */
  requeued: number;
  /** Reports whose job ended without the processor recording it (a worker killed more often than Bull allows): marked failed. */
  failed: number;
}

/**
 * The database is the record of what was asked for; the queue only carries the work. This step of the
 * deadlines sweep finds reports left `queued` or `rendering` and repairs them: a job that no longer exists
 * is added again (same job id, so never twice), a job Bull gave up on marks the report failed in Chinese.
 */
@Injectable()
export class ReportRecovery {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly ds: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  @SweepStep('reports')
  async sweep(ctx: SweepContext): Promise<ReportRecoveryResult> {
    const result = { requeued: 0, failed: 0 };
    const stuck = await this.ds.getRepository(Report).find({
      where: {
        status: In(['queued', 'rendering']),
        requestedAt: LessThan(new Date(ctx.now.getTime() - STUCK_AFTER_MS)),
      },
      order: { id: 'ASC' },
      take: 200,
    });
    for (const report of stuck) {
      const { jobId, data } = renderJobOf(report);
      const job = await this.jobs.status(RENDER_JOB.queue, jobId);
      if (!job) {
        await this.jobs.enqueue(RENDER_JOB.queue, RENDER_JOB.name, data, { jobId });
        result.requeued++;
      } else if (job.state === 'failed') {
        await this.ds
          .getRepository(Report)
          .update(
            { id: report.id, status: In(['queued', 'rendering']) },
            { status: 'failed', error: '生成任务意外中断，请重新申请', finishedAt: ctx.now },
          );
        result.failed++;
      }
    }
    if (result.requeued || result.failed)
      this.logger.warn(`报告恢复：重新排队 ${result.requeued} 份，标记失败 ${result.failed} 份`);
    return result;
  }
}
