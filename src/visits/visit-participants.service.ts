import { Injectable } from '@nestjs/common';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { Tx } from '../database/tx';
import { VisitView } from './dto/visit-view.dto';
import { InviteesDto, RsvpDto, VersionDto } from './dto/visit.dto';
import { invitationOf } from './visit-access';
import { VisitInvitations } from './visit-invitations';
import { VisitNotifier } from './visit-notifier';
import { VisitStore } from './visit-store';
import { VisitViews } from './visit-views';
import { check } from './visit-workflow';
import { VisitParticipant } from './visit.entities';
import { VisitsService } from './visits.service';

/** Invitations to a planned visit and the answers to them: 参加, or 请假 with a reason. */
@Injectable()
export class VisitParticipantsService {
  constructor(
    private readonly tx: Tx,
    private readonly clock: Clock,
    private readonly store: VisitStore,
    private readonly views: VisitViews,
    private readonly invitations: VisitInvitations,
    private readonly notifier: VisitNotifier,
    private readonly visits: VisitsService,
  ) {}

  /** More people invited, checked for conflicts like the first ones; each hears of it in the inbox. */
  invite(actor: Actor, id: number, dto: InviteesDto): Promise<VisitView> {
    return this.tx.run(async (em) => {
      const v = await this.store.load(em, id, 'invite', dto.version);
      const invitees = await this.invitations.resolve(em, dto, await em.findBy(VisitParticipant, { visitId: v.id }));
      if (!invitees.length) throw AppError.invalidField('participantMemberIds', '请选择要邀请的人员');
      const conflicts = await this.invitations.assertFree(
        em,
        invitees,
        { from: v.startsAt, to: v.endsAt },
        { allow: dto.allowConflicts, excludeVisitId: v.id },
      );
      const parts = await this.visits.insertParticipants(em, v.id, invitees, this.clock.now());
      await this.store.write(em, actor, v, null, {
        action: 'invite',
        details: {
          participantIds: parts.map((p) => p.id),
          ...(conflicts.length ? { conflictsAllowed: conflicts.length } : {}),
        },
      });
      for (const p of parts)
        await this.notifier.send(em, v, [p], 'invited', { key: String(p.id), skipUserId: actor.id });
      return this.views.detail(em, v, actor);
    });
  }

  /** 取消邀请 of one person, who is told. */
  uninvite(actor: Actor, id: number, participantId: number, dto: VersionDto): Promise<VisitView> {
    return this.tx.run(async (em) => {
      const v = await this.store.load(em, id, 'invite', dto.version);
      const p = await em.findOneBy(VisitParticipant, { id: participantId, visitId: v.id });
      if (!p) throw AppError.notFound('该受邀人员', 'VISIT_PARTICIPANT_NOT_FOUND');
      await em.delete(VisitParticipant, { id: p.id });
      await this.store.write(em, actor, v, null, {
        action: 'uninvite',
        details: { participantId: p.id, memberId: p.memberId, userId: p.userId, unitId: p.unitId, name: p.name },
      });
      await this.notifier.send(em, v, [p], 'uninvited', { key: String(p.id), skipUserId: actor.id });
      return this.views.detail(em, v, actor);
    });
  }

  /** 参加 or 请假 (with its reason), by the invited member or staff account; the answer may change while the visit is planned. */
  rsvp(actor: Actor, id: number, dto: RsvpDto): Promise<VisitView> {
    return this.tx.run(async (em) => {
      const v = await this.store.load(em, id, 'rsvp');
      const mine = await invitationOf(em, actor, v.id);
      if (!mine) throw AppError.forbidden('您未受邀参加该视察调研，不能答复');
      const refusal = check(v.status, 'rsvp', { answer: dto.answer, reason: dto.reason });
      if (refusal) throw AppError.invalidField('reason', refusal.message);
      const answer = dto.answer === 'accept' ? 'accepted' : 'declined';
      const reason = answer === 'declined' ? dto.reason! : null;
      await em.update(VisitParticipant, { id: mine.id }, { answer, reason, answeredAt: this.clock.now() });
      await this.store.write(em, actor, v, null, {
        action: 'rsvp',
        details: { participantId: mine.id, answer },
        comment: reason,
      });
      return this.views.detail(em, v, actor);
    });
  }
}
