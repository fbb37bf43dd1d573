import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { wallClock, yearOf } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { InstructionStatsView } from './instruction.dto';
import { Instruction, InstructionItem } from './instruction.entities';

const num = (v: unknown) => Number(v ?? 0);

/**
 * 批示 counted: those of a year (by the day of the 批示) and of all years, how many were handed out to units and
 * how many carried out — every item done — and the year's items overdue. One grouped query per figure set.
 */
@Injectable()
export class InstructionStatsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
  ) {}

  async forYear(year?: number): Promise<InstructionStatsView> {
    const now = this.clock.now();
    const y = year ?? yearOf(now, this.app.displayTimeZone);
    const today = wallClock(now, this.app.displayTimeZone).toISOString().slice(0, 10);
    const inYear = await this.counts(`${y}-01-01`, `${y}-12-31`);
    const all = await this.counts(null, null);
    const overdue = await this.ds
      .getRepository(InstructionItem)
      .createQueryBuilder('it')
      .innerJoin(Instruction, 'i', 'i.id = it.instructionId')
      .where("it.status <> 'done' AND it.dueOn < :today", { today })
      .andWhere('i.instructedOn >= :from AND i.instructedOn <= :to', { from: `${y}-01-01`, to: `${y}-12-31` })
      .getCount();
    return {
      year: y,
      total: inYear.total,
      handedOut: inYear.handedOut,
      carriedOut: inYear.carriedOut,
      overdueItems: overdue,
      allTotal: all.total,
      allCarriedOut: all.carriedOut,
    };
  }

  /** Per 批示: its items and those done; then the totals. */
  private async counts(from: string | null, to: string | null) {
    const qb = this.ds
      .getRepository(Instruction)
      .createQueryBuilder('i')
      .leftJoin(InstructionItem, 'it', 'it.instructionId = i.id')
      .select('i.id', 'id')
      .addSelect('COUNT(it.id)', 'items')
      .addSelect("SUM(CASE WHEN it.status = 'done' THEN 1 ELSE 0 END)", 'done')
      .groupBy('i.id');
    if (from && to) qb.where('i.instructedOn >= :from AND i.instructedOn <= :to', { from, to });
    const rows = await qb.getRawMany<{ id: unknown; items: unknown; done: unknown }>();
    return {
      total: rows.length,
      handedOut: rows.filter((r) => num(r.items) > 0).length,
      carriedOut: rows.filter((r) => num(r.items) > 0 && num(r.done) === num(r.items)).length,
    };
  }
}
