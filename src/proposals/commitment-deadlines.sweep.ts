import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { findForUpdate } from '../database/rows';
import { Tx } from '../database/tx';
import { SweepStep } from '../jobs/job-processor.decorator';
import type { SweepContext } from '../jobs/job-types';
import { sweepEach } from '../jobs/sweep-each';
import { CommitmentStore } from './commitment-store';
import { ProposalCommitment } from './commitment.entities';
import { shanghaiDay } from './proposal-dates';

export interface CommitmentSweepResult {
  /** Commitments whose unit was told now that they fell due. */
  due: number;
}

/**
 * The commitments' part of the deadlines sweep: on its due day (or the first sweep after it), a commitment not yet
 * reported is announced to its unit once — `dueNoticeAt` is set on the locked row and the notice is de-duplicated
 * by the due day, so a sweep run again tells nobody twice. The mark is the system's, not a step: no version bump.
 */
@Injectable()
export class CommitmentDeadlines {
  private readonly logger = new Logger('Sweep');

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly store: CommitmentStore,
  ) {}

  @SweepStep('commitments')
  async sweep(ctx: SweepContext): Promise<CommitmentSweepResult> {
    const failed: string[] = [];
    const now = ctx.now;
    const due = await sweepEach({
      ds: this.ds,
      tx: this.tx,
      entity: ProposalCommitment,
      alias: 'c',
      what: '承诺事项',
      logger: this.logger,
      match: (qb) => qb.andWhere("c.status = 'promised' AND c.dueNoticeAt IS NULL AND c.dueAt <= :now", { now }),
      act: async (em, id) => {
        const c = await findForUpdate(em, ProposalCommitment, id);
        if (!c || c.status !== 'promised' || c.dueNoticeAt || c.dueAt.getTime() > now.getTime()) return false;
        await em.update(ProposalCommitment, { id }, { dueNoticeAt: now });
        await this.store.announce(em, c, 'commitment.due', shanghaiDay(c.dueAt), null);
        return true;
      },
      failed,
    });
    if (failed.length) throw new Error(`${failed.length} 项承诺事项未能处理：${failed.slice(0, 5).join('；')}`);
    return { due };
  }
}
