import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { AuditService, WorkflowHistoryItem } from '../audit/audit.service';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { Page, pageOf } from '../common/pagination';
import { Tally, tallyOf } from '../database/tally';
import { Tx } from '../database/tx';
import { Committee, Sector } from '../directory/directory.entities';
import { VisitSummaryView, VisitView } from './dto/visit-view.dto';
import {
  CancelVisitDto,
  CreateVisitDto,
  StopDto,
  UpdateVisitDto,
  VersionDto,
  VisitOrganizerDto,
  VisitQuery,
} from './dto/visit.dto';
import { loadReadable } from './visit-access';
import { VisitInvitations } from './visit-invitations';
import { HISTORY_LABELS, ORGANIZER_TYPE_LABELS } from './visit-labels';
import { VisitNotifier } from './visit-notifier';
import { VisitStore } from './visit-store';
import { visitHistoryFor, VisitViews } from './visit-views';
import { scheduleErrors } from './visit-workflow';
import { Visit, VisitParticipant, VisitStop } from './visit.entities';

const stopRows = (visitId: number, stops: StopDto[]) =>
  stops.map((s, i) => ({
    visitId,
    position: i + 1,
    at: new Date(s.at),
    place: s.place,
    contact: s.contact ?? null,
    purpose: s.purpose ?? null,
  }));

/** Those still expected: invited and not 请假. */
export const stillInvited = (parts: VisitParticipant[]) => parts.filter((p) => p.answer !== 'declined');

/** 视察调研: planning (the visit, its itinerary and invitations, checked for conflicts), reading, completing and cancelling. */
@Injectable()
export class VisitsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly store: VisitStore,
    private readonly views: VisitViews,
    private readonly invitations: VisitInvitations,
    private readonly notifier: VisitNotifier,
  ) {}

  /** Staff and leaders see every visit; others those they (or their unit) are invited to. Upcoming first when `from` is given, else the latest first. */
  async list(actor: Actor, q: VisitQuery): Promise<Page<VisitSummaryView>> {
    const qb = this.ds.getRepository(Visit).createQueryBuilder('v');
    if (!hasRole(actor, 'staff', 'leader')) {
      const invited = qb.subQuery().select('vp.visitId').from(VisitParticipant, 'vp');
      invited.where(
        new Brackets((w) => {
          w.where('vp.userId = :scopeUserId', { scopeUserId: actor.id });
          if (hasRole(actor, 'member') && actor.memberId !== null)
            w.orWhere('vp.memberId = :scopeMemberId', { scopeMemberId: actor.memberId });
          if (hasRole(actor, 'unit') && actor.unitId !== null)
            w.orWhere('vp.unitId = :scopeUnitId', { scopeUnitId: actor.unitId });
        }),
      );
      qb.andWhere(`v.id IN ${invited.getQuery()}`, invited.getParameters());
    }
    if (q.status) qb.andWhere('v.status = :status', { status: q.status });
    if (q.from) qb.andWhere('v.endsAt > :from', { from: new Date(q.from) });
    if (q.to) qb.andWhere('v.startsAt < :to', { to: new Date(q.to) });
    const total = await qb.getCount();
    const dir = q.from ? 'ASC' : 'DESC';
    const rows = await qb
      .orderBy('v.startsAt', dir)
      .addOrderBy('v.id', dir)
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getMany();
    return pageOf(await this.views.summaries(this.ds.manager, rows, actor), total, q);
  }

  /** 待答复: planned visits not yet over the member is invited to and has not answered (oldest: the invitation). */
  pendingAnswers(actor: Actor): Promise<Tally> {
    if (!hasRole(actor, 'member') || actor.memberId === null) return Promise.resolve({ count: 0, oldest: null });
    const qb = this.ds
      .getRepository(VisitParticipant)
      .createQueryBuilder('vp')
      .innerJoin(Visit, 'v', "v.id = vp.visitId AND v.status = 'planned' AND v.endsAt > :now", {
        now: this.clock.now(),
      })
      .where("vp.memberId = :memberId AND vp.answer = 'pending'", { memberId: actor.memberId });
    return tallyOf(qb, 'vp.invitedAt');
  }

  async get(actor: Actor, id: number): Promise<VisitView> {
    return this.views.detail(this.ds.manager, await loadReadable(this.ds.manager, actor, id), actor);
  }

  /** The audit trail of the visit, oldest first, as `actor` may see it (`visitHistoryFor`). */
  async history(actor: Actor, id: number): Promise<WorkflowHistoryItem[]> {
    const v = await loadReadable(this.ds.manager, actor, id);
    return visitHistoryFor(this.ds.manager, v, actor, await this.audit.workflowHistory('visit', id, HISTORY_LABELS));
  }

  /** 安排: the visit, its itinerary and its invitations in one transaction; conflicts are a 409 unless allowed. */
  create(actor: Actor, dto: CreateVisitDto): Promise<VisitView> {
    return this.tx.run(async (em) => {
      await this.assertOrganizer(em, dto.organizer);
      const [startsAt, endsAt] = [new Date(dto.startsAt), new Date(dto.endsAt)];
      assertSchedule(startsAt, endsAt, dto.stops);
      const invitees = await this.invitations.resolve(em, dto);
      const conflicts = await this.invitations.assertFree(
        em,
        invitees,
        { from: startsAt, to: endsAt },
        { allow: dto.allowConflicts },
      );
      const now = this.clock.now();
      const v = await em.save(
        em.create(Visit, {
          kind: dto.kind,
          title: dto.title,
          purpose: dto.purpose,
          organizerType: dto.organizer.type,
          organizerId: dto.organizer.id,
          startsAt,
          endsAt,
          status: 'planned',
          createdByUserId: actor.id,
          completedAt: null,
          cancelledAt: null,
          cancelReason: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      if (dto.stops.length) await em.insert(VisitStop, stopRows(v.id, dto.stops));
      const parts = await this.insertParticipants(em, v.id, invitees, now);
      await this.audit.record(em, {
        actor,
        action: 'visit.create',
        entityType: 'visit',
        entityId: v.id,
        from: null,
        to: {
          status: v.status,
          kind: v.kind,
          title: v.title,
          startsAt: dto.startsAt,
          endsAt: dto.endsAt,
          stops: dto.stops.length,
          invited: parts.length,
          ...(conflicts.length ? { conflictsAllowed: conflicts.length } : {}),
        },
      });
      for (const p of parts)
        await this.notifier.send(em, v, [p], 'invited', { key: String(p.id), skipUserId: actor.id });
      return this.views.detail(em, v, actor);
    });
  }

  /** 修改 a planned visit: title, purpose, times, the whole itinerary. A new time is checked for everyone still invited, who are told of it. */
  update(actor: Actor, id: number, dto: UpdateVisitDto): Promise<VisitView> {
    return this.tx.run(async (em) => {
      const v = await this.store.load(em, id, 'edit', dto.version);
      const startsAt = dto.startsAt ? new Date(dto.startsAt) : v.startsAt;
      const endsAt = dto.endsAt ? new Date(dto.endsAt) : v.endsAt;
      const stops =
        dto.stops ??
        (await em.find(VisitStop, { where: { visitId: v.id }, order: { position: 'ASC' } })).map((s) => ({
          at: s.at.toISOString(),
          place: s.place,
        }));
      assertSchedule(startsAt, endsAt, stops);
      const moved = startsAt.getTime() !== v.startsAt.getTime() || endsAt.getTime() !== v.endsAt.getTime();
      const parts = stillInvited(await em.findBy(VisitParticipant, { visitId: v.id }));
      if (moved)
        await this.invitations.assertFree(
          em,
          parts,
          { from: startsAt, to: endsAt },
          { allow: dto.allowConflicts, excludeVisitId: v.id },
        );
      if (dto.stops) {
        await em.delete(VisitStop, { visitId: v.id });
        if (dto.stops.length) await em.insert(VisitStop, stopRows(v.id, dto.stops));
      }
      const set: Partial<Visit> = {
        startsAt,
        endsAt,
        ...(dto.title ? { title: dto.title } : {}),
        ...(dto.purpose ? { purpose: dto.purpose } : {}),
      };
      await this.store.write(em, actor, v, null, {
        action: 'update',
        set,
        details: {
          ...(moved ? { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() } : {}),
          ...(dto.stops ? { stops: dto.stops.length } : {}),
          ...(dto.title ? { title: dto.title } : {}),
        },
      });
      if (moved || dto.stops)
        await this.notifier.send(em, v, parts, 'changed', { key: `v${v.version}`, skipUserId: actor.id });
      return this.views.detail(em, v, actor);
    });
  }

  /** 已完成: once the visit has begun. */
  complete(actor: Actor, id: number, dto: VersionDto): Promise<VisitView> {
    return this.tx.run(async (em) => {
      const v = await this.store.load(em, id, 'complete', dto.version);
      await this.store.write(em, actor, v, 'complete', { action: 'complete', set: { completedAt: this.clock.now() } });
      return this.views.detail(em, v, actor);
    });
  }

  /** 取消: everyone still invited is told, with the reason. */
  cancel(actor: Actor, id: number, dto: CancelVisitDto): Promise<VisitView> {
    return this.tx.run(async (em) => {
      const v = await this.store.load(em, id, 'cancel', dto.version);
      const reason = dto.reason ?? null;
      await this.store.write(em, actor, v, 'cancel', {
        action: 'cancel',
        set: { cancelledAt: this.clock.now(), cancelReason: reason },
        comment: reason,
      });
      await this.notifier.send(em, v, stillInvited(await em.findBy(VisitParticipant, { visitId: v.id })), 'cancelled', {
        reason,
        skipUserId: actor.id,
      });
      return this.views.detail(em, v, actor);
    });
  }

  async insertParticipants(
    em: EntityManager,
    visitId: number,
    invitees: Omit<VisitParticipant, 'id' | 'visitId' | 'answer' | 'reason' | 'invitedAt' | 'answeredAt'>[],
    now: Date,
  ): Promise<VisitParticipant[]> {
    if (!invitees.length) return [];
    return em.save(
      VisitParticipant,
      invitees.map((p) =>
        em.create(VisitParticipant, {
          ...p,
          visitId,
          answer: 'pending',
          reason: null,
          invitedAt: now,
          answeredAt: null,
        }),
      ),
    );
  }

  private async assertOrganizer(em: EntityManager, organizer: VisitOrganizerDto): Promise<void> {
    const row = await em.findOneBy(organizer.type === 'committee' ? Committee : Sector, { id: organizer.id });
    if (!row || row.disabled)
      throw AppError.invalidField(
        'organizer.id',
        `${ORGANIZER_TYPE_LABELS[organizer.type]}（编号 ${organizer.id}）不存在或已停用`,
      );
  }
}

/** 400 for a visit ending before it starts or a stop outside its range or out of order. */
function assertSchedule(startsAt: Date, endsAt: Date, stops: { at: string }[]): void {
  const fields = scheduleErrors(
    startsAt,
    endsAt,
    stops.map((s) => ({ at: new Date(s.at) })),
  );
  if (Object.keys(fields).length) throw AppError.invalid(fields, Object.values(fields)[0][0]);
}
