import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { chineseDate } from '../common/chinese-dates';
import { Clock } from '../common/clock';
import { assertAllowed } from '../common/workflow';
import { findForUpdate } from '../database/rows';
import { Tx } from '../database/tx';
import { NotificationsService } from '../notifications/notifications.service';
import { AdoptionView, CreateAdoptionDto } from './dto/opinion-outcome.dto';
import { assertCanRead, notFound } from './opinion-access';
import { OpinionAdoption } from './opinion-adoption.entity';
import { ADOPTION_LEVELS, AdoptionLevel, checkAdoption } from './opinion-outcomes';
import { Opinion, OpinionContributor, STAFF_FILED_KINDS } from './opinion.entities';

/**
 * 采用 by upper bodies: staff record that 全国政协, 省政协, 市委, 市政府 … took up an item 采用编报 (or later), with
 * the body's own issue number and day; audited (`opinion.adopt`) and told to every contributor in one
 * transaction. Anyone who may read the item may read its adoptions.
 */
@Injectable()
export class OpinionAdoptionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    @Inject(ADOPTION_LEVELS) private readonly levels: AdoptionLevel[],
  ) {}

  get adoptionLevels(): AdoptionLevel[] {
    return this.levels;
  }

  async list(actor: Actor, opinionId: number): Promise<AdoptionView[]> {
    const o = await this.ds.getRepository(Opinion).findOneBy({ id: opinionId });
    if (!o) throw notFound();
    await assertCanRead(this.ds.manager, actor, o);
    return this.listOf(this.ds.manager, opinionId);
  }

  async listOf(em: EntityManager, opinionId: number): Promise<AdoptionView[]> {
    const rows = await em.find(OpinionAdoption, { where: { opinionId }, order: { adoptedOn: 'ASC', id: 'ASC' } });
    return rows.map((r) => this.view(r));
  }

  record(actor: Actor, opinionId: number, dto: CreateAdoptionDto): Promise<AdoptionView> {
    return this.tx.run(async (em) => {
      const o = await findForUpdate(em, Opinion, opinionId);
      if (!o) throw notFound();
      await assertCanRead(em, actor, o);
      assertAllowed(checkAdoption(o.status, { isStaff: hasRole(actor, 'staff') }));
      const level = this.levels.find((l) => l.code === dto.level);
      if (!level) throw AppError.invalidField('level', '采用单位层级不正确');
      if (!validDay(dto.adoptedOn)) throw AppError.invalidField('adoptedOn', '采用日期不是有效日期');
      const a = em.create(OpinionAdoption, {
        opinionId: o.id,
        level: level.code,
        bodyName: dto.bodyName,
        issueText: dto.issueText,
        adoptedOn: dto.adoptedOn,
        note: dto.note ?? null,
        recordedByUserId: actor.id,
        createdAt: this.clock.now(),
      });
      await em.save(a);
      await this.audit.record(em, {
        actor,
        action: 'opinion.adopt',
        entityType: 'opinion',
        entityId: o.id,
        from: null,
        to: { adoptionId: a.id, level: a.level, bodyName: a.bodyName, issueText: a.issueText, adoptedOn: a.adoptedOn },
      });
      await this.notifications.deliver(
        em,
        [
          {
            to: 'contributors' as const,
            message: {
              kind: 'opinion.adopted',
              title: `您的社情民意信息被${level.label}采用`,
              body: `社情民意信息“${o.title}”被${a.bodyName}采用（${a.issueText}，${chineseDate(a.adoptedOn, 'UTC')}）。${a.note ? `备注：${a.note}` : ''}`,
              link: `/opinions/${o.id}`,
              dedupeKey: `opinion:${o.id}:adopted:${a.id}`,
            },
          },
        ],
        () => this.contributorUsers(em, o),
        actor.id,
      );
      return this.view(a);
    });
  }

  /**
   * 删除 a 采用 entered by mistake (staff only: 403 for anyone else, before the item is looked at; 404 for an
   * adoption not on this item). Audited `opinion.unadopt` with what was removed; the contributors are told, and the
   * duty points it earned go with it at the next read (records are computed).
   */
  remove(actor: Actor, opinionId: number, adoptionId: number): Promise<void> {
    if (!hasRole(actor, 'staff')) throw AppError.forbidden('只有机关工作人员可以删除采用记录');
    return this.tx.run(async (em) => {
      const o = await findForUpdate(em, Opinion, opinionId);
      if (!o) throw notFound();
      await assertCanRead(em, actor, o);
      const a = await em.findOneBy(OpinionAdoption, { id: adoptionId, opinionId });
      if (!a) throw AppError.notFound('采用记录', 'ADOPTION_NOT_FOUND');
      await em.delete(OpinionAdoption, { id: a.id });
      await this.audit.record(em, {
        actor,
        action: 'opinion.unadopt',
        entityType: 'opinion',
        entityId: o.id,
        from: {
          adoptionId: a.id,
          level: a.level,
          bodyName: a.bodyName,
          issueText: a.issueText,
          adoptedOn: a.adoptedOn,
        },
        to: null,
      });
      const level = this.levels.find((l) => l.code === a.level)?.label ?? a.level;
      await this.notifications.deliver(
        em,
        [
          {
            to: 'contributors' as const,
            message: {
              kind: 'opinion.adoption_removed',
              title: `社情民意信息被${level}采用的记录已删除`,
              body: `社情民意信息“${o.title}”被${a.bodyName}采用（${a.issueText}，${a.adoptedOn}）的记录系误录，已删除，相应履职积分随之取消。`,
              link: `/opinions/${o.id}`,
              dedupeKey: `opinion:${o.id}:adoption-removed:${a.id}`,
            },
          },
        ],
        () => this.contributorUsers(em, o),
        actor.id,
      );
    });
  }

  /** Every contributing member's accounts, and the staff account that filed a group's or organisation's item. */
  private async contributorUsers(em: EntityManager, o: Opinion): Promise<number[]> {
    const contributors = await em.findBy(OpinionContributor, { opinionId: o.id });
    const members = contributors.map((c) => c.memberId).filter((id): id is number => id !== null);
    const users = (await Promise.all(members.map((id) => this.notifications.usersOfMember(em, id)))).flat();
    return STAFF_FILED_KINDS.includes(o.submitterKind) ? [...users, o.filedByUserId] : users;
  }

  private view(a: OpinionAdoption): AdoptionView {
    return {
      id: a.id,
      opinionId: a.opinionId,
      level: a.level,
      levelLabel: this.levels.find((l) => l.code === a.level)?.label ?? a.level,
      bodyName: a.bodyName,
      issueText: a.issueText,
      adoptedOn: a.adoptedOn,
      note: a.note,
      createdAt: a.createdAt,
    };
  }
}

/** A real calendar day (2026-02-30 is not). */
function validDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}
