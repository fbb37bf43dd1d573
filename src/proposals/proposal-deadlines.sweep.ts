import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { assertAllowed } from '../common/workflow';
import { findForUpdate } from '../database/rows';
import { Tx } from '../database/tx';
import { SweepStep } from '../jobs/job-processor.decorator';
import type { SweepContext } from '../jobs/job-types';
import { sweepEach } from '../jobs/sweep-each';
import { pendingUnitIds } from './proposal-access';
import { addDays, addWorkingDays, daysUntil, shanghaiDay } from './proposal-dates';
import { ProposalNotifier } from './proposal-notifier';
import { ProposalStore } from './proposal-store';
import { decide } from './proposal-workflow';
import { Proposal } from './proposal.entities';
import { PROPOSAL_CONFIG, ProposalConfig } from './proposals.config';

const DAY_MS = 86_400_000;

export interface ProposalSweepResult {
  /** Proposals whose units got a reminder now. */
  reminded: number;
  /** Proposals marked overdue now. */
  overdue: number;
  /** Proposals completed now as not evaluated. */
  notEvaluated: number;
}

/**
 * The proposals' part of the deadlines sweep, at the Clock's time of the sweep:
 * reminders to the units before the deadline, the overdue mark after it, and completion as
 * 未评价 when the proposer has not evaluated within the working days allowed. Running it again
 * changes nothing: reminders are de-duplicated by their key, and the other two are changes of
 * the proposal that only happen once (re-checked on the locked row).
 */
@Injectable()
export class ProposalDeadlines {
  private readonly logger = new Logger('Sweep');

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly store: ProposalStore,
    private readonly notifier: ProposalNotifier,
    @Inject(PROPOSAL_CONFIG) private readonly config: ProposalConfig,
  ) {}

  @SweepStep('proposals')
  async sweep(ctx: SweepContext): Promise<ProposalSweepResult> {
    const failed: string[] = [];
    const result = {
      reminded: await this.remind(ctx.now, failed),
      overdue: await this.markOverdue(ctx.now, failed),
      notEvaluated: await this.expireEvaluations(ctx.now, failed),
    };
    // The others were handled; the sweep fails, naming what was not, and the next one tries again.
    if (failed.length) throw new Error(`${failed.length} 件提案未能处理：${failed.slice(0, 5).join('；')}`);
    return result;
  }

  /** Once per threshold (15 and 3 days by default) and deadline, to the units that have not replied; only the nearest threshold passed counts. */
  private remind(now: Date, failed: string[]): Promise<number> {
    const thresholds = this.config.reminderDaysBefore;
    if (!thresholds.length) return Promise.resolve(0);
    const until = addDays(now, Math.max(...thresholds));
    return this.each(
      (qb) => qb.andWhere("p.status = 'assigned' AND p.deadline > :now AND p.deadline <= :until", { now, until }),
      async (em, id) => {
        const p = await em.findOneBy(Proposal, { id });
        const left = p?.status === 'assigned' && p.deadline ? p.deadline.getTime() - now.getTime() : 0;
        const passed = thresholds.filter((days) => left > 0 && left <= days * DAY_MS);
        if (!p || !passed.length) return false;
        const days = Math.min(...passed);
        const sent = await this.notifier.send(em, p, {
          type: 'proposal.reminded',
          proposalId: p.id,
          actorUserId: null,
          at: now,
          unitIds: await pendingUnitIds(em, p),
          deadline: p.deadline,
          daysLeft: daysUntil(now, p.deadline!),
          occurrence: `r${p.rehandleCount}:${shanghaiDay(p.deadline!)}:${days}d`,
        });
        return sent > 0;
      },
      failed,
    );
  }

  /** The deadline passed without the reply: marked overdue (audited, by the system), units and staff told. A reply, an extension or re-handling clears it. */
  private markOverdue(now: Date, failed: string[]): Promise<number> {
    return this.each(
      (qb) => qb.andWhere("p.status = 'assigned' AND p.overdue = :no AND p.deadline <= :now", { no: false, now }),
      async (em, id) => {
        const p = await findForUpdate(em, Proposal, id);
        if (!p || p.status !== 'assigned' || p.overdue || !p.deadline || p.deadline.getTime() > now.getTime())
          return false;
        const unitIds = await pendingUnitIds(em, p);
        await this.store.write(em, null, p, {
          action: 'overdue',
          set: { overdue: true },
          details: { deadline: p.deadline.toISOString(), unitIds },
          event: { type: 'proposal.overdue', unitIds, deadline: p.deadline },
        });
        return true;
      },
      failed,
    );
  }

  /** No evaluation within `evaluationWorkingDays` working days of the reply: completed as 未评价. */
  private expireEvaluations(now: Date, failed: string[]): Promise<number> {
    const days = this.config.evaluationWorkingDays;
    // Working days are never fewer than calendar days: only replies at least that old can be due.
    const repliedBy = addDays(now, -days);
    return this.each(
      (qb) => qb.andWhere("p.status = 'replied' AND p.repliedAt <= :repliedBy", { repliedBy }),
      async (em, id) => {
        const p = await findForUpdate(em, Proposal, id);
        if (!p || p.status !== 'replied' || !p.repliedAt) return false;
        const due = addWorkingDays(p.repliedAt, days, this.config.calendar);
        if (due.getTime() > now.getTime()) return false;
        const d = assertAllowed(decide(p.status, 'expireEvaluation', { isSystem: true }));
        await this.store.write(em, null, p, {
          action: 'expire_evaluation',
          set: { status: d.to, completedAt: now, notEvaluated: true },
          details: { round: p.rehandleCount, repliedAt: p.repliedAt.toISOString(), evaluationDue: due.toISOString() },
          event: { type: 'proposal.evaluation_expired' },
        });
        return true;
      },
      failed,
    );
  }

  /** The matching proposals, each in its own transaction (`sweepEach`). */
  private each(
    match: (qb: SelectQueryBuilder<Proposal>) => void,
    act: (em: EntityManager, id: number) => Promise<boolean>,
    failed: string[],
  ): Promise<number> {
    return sweepEach({
      ds: this.ds,
      tx: this.tx,
      entity: Proposal,
      alias: 'p',
      what: '提案',
      logger: this.logger,
      match,
      act,
      failed,
    });
  }
}
