import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { yearOf, yearRange } from '../common/time-zone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { rawTime } from '../database/columns';
import { assertVersion, findForUpdate } from '../database/rows';
import { Tx } from '../database/tx';
import { Member, Sector } from '../directory/directory.entities';
import {
  AppointInformantDto,
  InformantRosterView,
  InformantView,
  UpdateInformantDto,
} from './dto/opinion-informant.dto';
import { CountedItem, countByMonth, MONTH_STATE_LABELS, monthOf, quotaProgress } from './informant-quota';
import { OpinionInformant } from './opinion-informant.entity';
import { Opinion, OpinionContributor } from './opinion.entities';
import { OPINION_CONFIG, OpinionConfig } from './opinions.config';

const notFound = () => AppError.notFound('信息员', 'INFORMANT_NOT_FOUND');

/** Is `memberId` on the roster of `year`, not ended? (Filing as 信息员 asks this.) */
export function onRoster(em: EntityManager, memberId: number, year: number): Promise<boolean> {
  return em.existsBy(OpinionInformant, { memberId, year, endedAt: IsNull() });
}

/**
 * 信息员 roster: staff appoint a member for a year with a monthly quota, change the quota or note, and end an
 * appointment (never delete); each step audited (`opinion_informant.*`). Progress is counted from the items the
 * informant contributed to (informant-quota.ts has the rules), on the display clock's months.
 */
@Injectable()
export class OpinionInformantsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
    @Inject(OPINION_CONFIG) private readonly config: OpinionConfig,
  ) {}

  get defaultMonthlyQuota(): number {
    return this.config.informantMonthlyQuota;
  }

  /** The year shown when none is asked for: the display clock's. */
  thisYear(): number {
    return yearOf(this.clock.now(), this.app.displayTimeZone);
  }

  /** The roster of `year` (this year by default), each with its progress; those behind first, then by name. */
  async roster(year?: number): Promise<InformantRosterView> {
    const y = year ?? this.thisYear();
    const rows = await this.ds.getRepository(OpinionInformant).find({ where: { year: y }, order: { id: 'ASC' } });
    const items = await this.views(this.ds.manager, rows);
    items.sort(
      (a, b) =>
        Number(b.active) - Number(a.active) ||
        Number(b.behind) - Number(a.behind) ||
        a.memberName.localeCompare(b.memberName, 'zh-CN'),
    );
    const now = monthOf(this.clock.now(), this.app.displayTimeZone);
    return {
      year: y,
      currentMonth: now.year === y ? now.month : null,
      defaultMonthlyQuota: this.config.informantMonthlyQuota,
      items,
    };
  }

  async get(id: number): Promise<InformantView> {
    const row = await this.ds.getRepository(OpinionInformant).findOneBy({ id });
    if (!row) throw notFound();
    return (await this.views(this.ds.manager, [row]))[0];
  }

  /** The member's own appointment of this year with its progress; null when they are not on the roster. */
  async progressOf(memberId: number): Promise<InformantView | null> {
    const row = await this.ds.getRepository(OpinionInformant).findOneBy({ memberId, year: this.thisYear() });
    return row ? (await this.views(this.ds.manager, [row]))[0] : null;
  }

  /** May the member file as 信息员 now (on this year's roster, not ended)? */
  rostered(memberId: number): Promise<boolean> {
    return onRoster(this.ds.manager, memberId, this.thisYear());
  }

  appoint(actor: Actor, dto: AppointInformantDto): Promise<InformantView> {
    return this.tx.run(async (em) => {
      const current = this.thisYear();
      const year = dto.year ?? current;
      if (year !== current && year !== current + 1)
        throw AppError.invalidField('year', `只能聘任本年度（${current}年）或下一年度的信息员`);
      const member = await em.findOneBy(Member, { id: dto.memberId });
      if (!member || member.status !== 'active') throw AppError.invalidField('memberId', '委员不存在或不在任');
      if (await em.existsBy(OpinionInformant, { memberId: member.id, year }))
        throw AppError.conflict('INFORMANT_EXISTS', `${member.name}已在${year}年度信息员名单中`);
      const now = this.clock.now();
      const row = em.create(OpinionInformant, {
        memberId: member.id,
        year,
        monthlyQuota: dto.monthlyQuota ?? this.config.informantMonthlyQuota,
        note: dto.note ?? null,
        appointedByUserId: actor.id,
        endedAt: null,
        endedByUserId: null,
        createdAt: now,
        updatedAt: now,
      });
      await em.save(row);
      await this.audit.record(em, {
        actor,
        action: 'opinion_informant.appoint',
        entityType: 'opinion_informant',
        entityId: row.id,
        from: null,
        to: { memberId: member.id, year, monthlyQuota: row.monthlyQuota, note: row.note },
      });
      return (await this.views(em, [row]))[0];
    });
  }

  /** 调整 the quota or the note, or 解聘 (`end`); an ended appointment no longer changes (409). */
  update(actor: Actor, id: number, dto: UpdateInformantDto): Promise<InformantView> {
    return this.tx.run(async (em) => {
      const row = await findForUpdate(em, OpinionInformant, id);
      if (!row) throw notFound();
      if (row.endedAt)
        throw AppError.conflict('INFORMANT_ENDED', '该信息员已解聘，不能再调整；如需继续，请于下一年度重新聘任');
      assertVersion(row, dto.version);
      const from: Record<string, unknown> = {};
      const to: Record<string, unknown> = {};
      const set = <K extends 'monthlyQuota' | 'note'>(k: K, v: OpinionInformant[K] | undefined) => {
        if (v === undefined || v === row[k]) return;
        from[k] = row[k];
        to[k] = v;
        row[k] = v;
      };
      set('monthlyQuota', dto.monthlyQuota);
      set('note', dto.note);
      const now = this.clock.now();
      if (dto.end) {
        from.status = 'active';
        to.status = 'ended';
        row.endedAt = now;
        row.endedByUserId = actor.id;
      }
      if (Object.keys(to).length) {
        row.updatedAt = now;
        await em.save(row);
        await this.audit.record(em, {
          actor,
          action: dto.end ? 'opinion_informant.end' : 'opinion_informant.update',
          entityType: 'opinion_informant',
          entityId: row.id,
          from,
          to,
        });
      }
      return (await this.views(em, [row]))[0];
    });
  }

  /** The appointments with their members' names and their year's progress, in one query per kind of row. */
  private async views(em: EntityManager, rows: OpinionInformant[]): Promise<InformantView[]> {
    if (!rows.length) return [];
    const tz = this.app.displayTimeZone;
    const memberIds = [...new Set(rows.map((r) => r.memberId))];
    const members = new Map((await em.findBy(Member, { id: In(memberIds) })).map((m) => [m.id, m]));
    const sectorIds = [...new Set([...members.values()].map((m) => m.sectorId))];
    const sectors = new Map((await em.findBy(Sector, { id: In(sectorIds) })).map((s) => [s.id, s.name]));
    const items = await this.itemsOf(em, memberIds, [...new Set(rows.map((r) => r.year))]);
    const now = this.clock.now();
    return rows.map((r) => {
      const mine = items.filter((i) => i.memberId === r.memberId);
      const p = quotaProgress(
        { year: r.year, monthlyQuota: r.monthlyQuota, appointedAt: r.createdAt, endedAt: r.endedAt },
        countByMonth(mine, r.year, tz),
        now,
        tz,
      );
      const m = members.get(r.memberId);
      return {
        id: r.id,
        memberId: r.memberId,
        memberName: m?.name ?? '',
        sectorName: m ? (sectors.get(m.sectorId) ?? null) : null,
        year: r.year,
        monthlyQuota: r.monthlyQuota,
        note: r.note,
        active: r.endedAt === null,
        appointedAt: r.createdAt,
        endedAt: r.endedAt,
        thisMonth: p.thisMonth,
        yearSubmitted: p.yearSubmitted,
        yearAccepted: p.yearAccepted,
        dueSoFar: p.dueSoFar,
        doneSoFar: p.doneSoFar,
        behind: p.behind,
        months: p.months.map((x) => ({ ...x, stateLabel: MONTH_STATE_LABELS[x.state] })),
        version: r.version,
      };
    });
  }

  /** Every item the members contributed to, submitted in the years (the rules of what counts are countByMonth's). */
  private async itemsOf(
    em: EntityManager,
    memberIds: number[],
    years: number[],
  ): Promise<Array<CountedItem & { memberId: number }>> {
    const tz = this.app.displayTimeZone;
    const from = yearRange(Math.min(...years), tz).from;
    const to = yearRange(Math.max(...years), tz).to;
    const raw = await em
      .createQueryBuilder(OpinionContributor, 'c')
      .innerJoin(Opinion, 'o', 'o.id = c.opinionId')
      .select('c.memberId', 'memberId')
      .addSelect('o.id', 'id')
      .addSelect('o.submittedAt', 'submittedAt')
      .addSelect('o.status', 'status')
      .addSelect('o.submitterKind', 'submitterKind')
      .where('c.memberId IN (:...memberIds)', { memberIds })
      .andWhere("o.status <> 'draft' AND o.submitterKind <> 'combined'")
      .andWhere('o.submittedAt >= :from AND o.submittedAt < :to', { from, to })
      .distinct(true)
      .getRawMany<{
        memberId: number;
        id: number;
        submittedAt: Date | string;
        status: string;
        submitterKind: string;
      }>();
    return raw.map((r) => ({
      memberId: Number(r.memberId),
      submittedAt: rawTime(r.submittedAt),
      status: r.status as Opinion['status'],
      submitterKind: r.submitterKind as Opinion['submitterKind'],
    }));
  }
}
