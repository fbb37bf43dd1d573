import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { findForUpdate } from '../database/rows';
import { Tx } from '../database/tx';
import { updateVersioned } from '../database/versioned';
import { SweepStep } from '../jobs/job-processor.decorator';
import type { SweepContext } from '../jobs/job-types';
import { sweepEach } from '../jobs/sweep-each';
import { TopicNotifier } from './topic-notifier';
import { TopicPromises } from './topic-promises.service';
import { TopicStore } from './topic-store';
import { CLOCK_STATES, CLOSED_OUTCOME_STATUSES, OUTCOME_STATUSES } from './topic-workflow';
import { Outcome, Topic, TopicClock } from './topic.entities';

const OPEN_OUTCOME = OUTCOME_STATUSES.filter((s) => !CLOSED_OUTCOME_STATUSES.includes(s));

export interface TopicSweepResult {
  /** Response-promise clocks recorded as missed now. */
  breaches: number;
  /** Outcomes marked overdue now. */
  overdueOutcomes: number;
}

/**
 * The topics' part of the deadlines sweep, at the Clock's time of the sweep: response-promise clocks
 * past their deadline and not stopped are recorded as missed (the point's facilitators and staff told),
 * outcomes past their due date and not closed are marked overdue (their unit and the organiser told).
 * Each happens once: the marks are re-checked on the locked rows, and the notices are de-duplicated.
 */
@Injectable()
export class TopicDeadlines {
  private readonly logger = new Logger('Sweep');

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly store: TopicStore,
    private readonly promises: TopicPromises,
    private readonly notifier: TopicNotifier,
  ) {}

  @SweepStep('topics')
  async sweep(ctx: SweepContext): Promise<TopicSweepResult> {
    const failed: string[] = [];
    const result = {
      breaches: await this.markBreaches(ctx.now, failed),
      overdueOutcomes: await this.markOverdue(ctx.now, failed),
    };
    if (failed.length) throw new Error(`${failed.length} 项未能处理：${failed.slice(0, 5).join('；')}`);
    return result;
  }

  /** Clocks still running past their deadline on a topic whose clocks run (not declined or finished). */
  private markBreaches(now: Date, failed: string[]): Promise<number> {
    const due = (qb: SelectQueryBuilder<TopicClock>) =>
      qb
        .andWhere('c.breachedAt IS NULL AND c.doneAt IS NULL AND c.dueAt <= :now', { now })
        .andWhere(`c.topicId IN ${this.running(qb)}`, { running: CLOCK_STATES });
    return this.each(
      TopicClock,
      'c',
      '响应时限',
      due,
      async (em, id) => {
        const found = await em.findOneBy(TopicClock, { id });
        const t = found && (await findForUpdate(em, Topic, found.topicId));
        const c = t && (await em.findOneBy(TopicClock, { id }));
        if (
          !t ||
          !c ||
          c.breachedAt ||
          c.doneAt ||
          c.dueAt.getTime() > now.getTime() ||
          !CLOCK_STATES.includes(t.status)
        )
          return false;
        await this.promises.breach(em, t, c, now, null);
        return true;
      },
      failed,
    );
  }

  private running(qb: SelectQueryBuilder<TopicClock>): string {
    return qb.subQuery().select('rt.id').from(Topic, 'rt').where('rt.status IN (:...running)').getQuery();
  }

  /** Outcomes past their due date, open or in progress, not marked yet: marked (audited by 系统), unit and organiser told. */
  private markOverdue(now: Date, failed: string[]): Promise<number> {
    const due = (qb: SelectQueryBuilder<Outcome>) =>
      qb.andWhere('o.overdueAt IS NULL AND o.dueAt <= :now AND o.status IN (:...open)', { now, open: OPEN_OUTCOME });
    return this.each(
      Outcome,
      'o',
      '协商成果',
      due,
      async (em, id) => {
        const found = await em.findOneBy(Outcome, { id });
        const t = found && (await findForUpdate(em, Topic, found.topicId));
        const o = t && (await findForUpdate(em, Outcome, id));
        if (
          !t ||
          !o ||
          o.overdueAt ||
          !o.dueAt ||
          o.dueAt.getTime() > now.getTime() ||
          !OPEN_OUTCOME.includes(o.status)
        )
          return false;
        await updateVersioned(em, Outcome, o, { overdueAt: now, updatedAt: now });
        await this.store.write(em, null, t, {
          action: 'outcome_overdue',
          details: { outcomeId: o.id, order: o.position, dueAt: o.dueAt.toISOString(), unitId: o.unitId },
        });
        await this.notifier.outcomeOverdue(em, t, o);
        return true;
      },
      failed,
    );
  }

  private each<E extends TopicClock | Outcome>(
    entity: new () => E,
    alias: string,
    what: string,
    match: (qb: SelectQueryBuilder<E>) => void,
    act: (em: EntityManager, id: number) => Promise<boolean>,
    failed: string[],
  ): Promise<number> {
    return sweepEach({ ds: this.ds, tx: this.tx, entity, alias, what, logger: this.logger, match, act, failed });
  }
}
