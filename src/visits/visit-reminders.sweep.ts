import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DAY_MS } from '../common/workflow';
import { Tx } from '../database/tx';
import { SweepStep } from '../jobs/job-processor.decorator';
import type { SweepContext } from '../jobs/job-types';
import { VisitNotifier } from './visit-notifier';
import { Visit, VisitParticipant } from './visit.entities';
import { stillInvited } from './visits.service';

/** Days before a visit's start when everyone still invited is reminded (those yet to answer are asked to). */
export const REMINDER_DAYS_BEFORE = [3, 1] as const;

/**
 * The visits' part of the deadlines sweep: a reminder in the inbox 3 days and 1 day before a planned
 * visit, to everyone invited who has not declined. Only the nearest threshold passed is sent, keyed by
 * the visit's start and the threshold, so a sweep running late sends one reminder, a second run none,
 * and a visit moved to another day is reminded again.
 */
@Injectable()
export class VisitReminders {
  private readonly logger = new Logger('Sweep');

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly notifier: VisitNotifier,
  ) {}

  @SweepStep('visits')
  async sweep(ctx: SweepContext): Promise<{ reminded: number }> {
    const now = ctx.now;
    const until = new Date(now.getTime() + Math.max(...REMINDER_DAYS_BEFORE) * DAY_MS);
    const due = await this.ds
      .getRepository(Visit)
      .createQueryBuilder('v')
      .select('v.id', 'id')
      .where("v.status = 'planned' AND v.startsAt > :now AND v.startsAt <= :until", { now, until })
      .orderBy('v.id', 'ASC')
      .getRawMany<{ id: number | string }>();
    let reminded = 0;
    const failed: string[] = [];
    for (const { id } of due) {
      try {
        if (await this.tx.run((em) => this.remind(em, Number(id), now))) reminded++;
      } catch (e) {
        failed.push(`视察调研 ${id}：${(e as Error).message}`);
        this.logger.error(`期限扫描提醒视察调研 ${id} 失败：${(e as Error).message}`);
      }
    }
    if (failed.length) throw new Error(`${failed.length} 项视察调研未能提醒：${failed.slice(0, 5).join('；')}`);
    return { reminded };
  }

  private async remind(em: EntityManager, id: number, now: Date): Promise<boolean> {
    const v = await em.findOneBy(Visit, { id });
    if (!v || v.status !== 'planned') return false;
    const left = v.startsAt.getTime() - now.getTime();
    const passed = REMINDER_DAYS_BEFORE.filter((days) => left > 0 && left <= days * DAY_MS);
    if (!passed.length) return false;
    const days = Math.min(...passed);
    const to = stillInvited(await em.findBy(VisitParticipant, { visitId: v.id }));
    return (await this.notifier.send(em, v, to, 'reminder', { key: `${v.startsAt.toISOString()}:${days}d` })) > 0;
  }
}
