import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { User } from '../auth/user.entity';
import { AppError } from '../common/app-error';
import { namesOf } from '../database/rows';
import { Member, Unit } from '../directory/directory.entities';
import { usersOf } from '../topics/topic-views';
import { ConflictView } from './dto/visit-view.dto';
import { InviteesDto } from './dto/visit.dto';
import { Range, VisitSchedule } from './visit-schedule';
import { VisitParticipant } from './visit.entities';

export type NewParticipant = Pick<VisitParticipant, 'kind' | 'memberId' | 'userId' | 'unitId' | 'name'>;

/**
 * Who may be invited, and whether they are free: members in office, enabled staff accounts, people
 * of enabled units; each person once per visit. A member or staff account already down for another
 * visit or a meeting at an overlapping time is a conflict, refused with 409 and every conflict
 * listed unless the caller says `allowConflicts`.
 */
@Injectable()
export class VisitInvitations {
  constructor(private readonly schedule: VisitSchedule) {}

  /** The invitees of `dto` as rows to insert, checked against the directory and those already invited (400 naming each field). */
  async resolve(em: EntityManager, dto: InviteesDto, already: VisitParticipant[] = []): Promise<NewParticipant[]> {
    const memberIds = dto.participantMemberIds ?? [];
    const userIds = dto.participantUserIds ?? [];
    const people = dto.invitedUnitPeople ?? [];
    const fields: Record<string, string[]> = {};
    const [members, users, units] = await Promise.all([
      memberIds.length ? em.findBy(Member, { id: In(memberIds) }) : [],
      userIds.length ? em.findBy(User, { id: In(userIds) }) : [],
      people.length ? em.findBy(Unit, { id: In(people.map((p) => p.unitId)) }) : [],
    ]);
    memberIds.forEach((id, i) => {
      const m = members.find((r) => r.id === id);
      if (!m || m.disabled || m.status !== 'active')
        fields[`participantMemberIds.${i}`] = [`委员（编号 ${id}）不存在或已不在任`];
      else if (already.some((p) => p.memberId === id))
        fields[`participantMemberIds.${i}`] = [`${m.name}已在邀请名单中`];
    });
    userIds.forEach((id, i) => {
      const u = users.find((r) => r.id === id);
      if (!u || u.disabled || !u.roles.includes('staff'))
        fields[`participantUserIds.${i}`] = [`工作人员账号（编号 ${id}）不存在或已停用`];
      else if (already.some((p) => p.userId === id))
        fields[`participantUserIds.${i}`] = [`${u.displayName}已在邀请名单中`];
    });
    people.forEach((p, i) => {
      const u = units.find((r) => r.id === p.unitId);
      if (!u || u.disabled) fields[`invitedUnitPeople.${i}.unitId`] = [`单位（编号 ${p.unitId}）不存在或已停用`];
      else if (
        already.some((a) => a.unitId === p.unitId && a.name === p.name) ||
        people.findIndex((o) => o.unitId === p.unitId && o.name === p.name) < i
      ) {
        fields[`invitedUnitPeople.${i}.name`] = [`${u.name} ${p.name}已在邀请名单中`];
      }
    });
    if (Object.keys(fields).length) throw AppError.invalid(fields, Object.values(fields)[0][0]);
    return [
      ...memberIds.map((id) => ({ kind: 'member' as const, memberId: id, userId: null, unitId: null, name: null })),
      ...userIds.map((id) => ({ kind: 'staff' as const, memberId: null, userId: id, unitId: null, name: null })),
      ...people.map((p) => ({ kind: 'unit' as const, memberId: null, userId: null, unitId: p.unitId, name: p.name })),
    ];
  }

  /** Every overlap of these people with their other visits and meetings in `range`, with names. */
  async conflicts(
    em: EntityManager,
    people: Pick<NewParticipant, 'memberId' | 'userId'>[],
    range: Range,
    excludeVisitId?: number,
  ): Promise<ConflictView[]> {
    const memberIds = people.map((p) => p.memberId).filter((id): id is number => id !== null);
    const userIds = people.map((p) => p.userId).filter((id): id is number => id !== null);
    const busy = await this.schedule.busy(em, { memberIds, userIds }, range, excludeVisitId);
    if (!busy.length) return [];
    const [members, users] = await Promise.all([
      namesOf(
        em,
        Member,
        busy.map((b) => b.memberId),
      ),
      usersOf(
        em,
        busy.map((b) => b.userId).filter((id): id is number => id !== null),
      ),
    ]);
    return busy
      .filter(
        (b) =>
          (b.memberId !== null && memberIds.includes(b.memberId)) || (b.userId !== null && userIds.includes(b.userId)),
      )
      .map((b) => ({
        memberId: b.memberId,
        userId: b.memberId === null ? b.userId : null,
        name: b.memberId !== null ? (members.get(b.memberId)?.name ?? '') : (users.get(b.userId!)?.displayName ?? ''),
        with: {
          type: b.type,
          id: b.id,
          title: b.title,
          startsAt: b.startsAt.toISOString(),
          endsAt: b.endsAt.toISOString(),
        },
      }));
  }

  /** 409 VISIT_CONFLICTS listing every conflict, unless there is none or the caller allows them. */
  async assertFree(
    em: EntityManager,
    people: Pick<NewParticipant, 'memberId' | 'userId'>[],
    range: Range,
    opts: { allow?: boolean; excludeVisitId?: number },
  ): Promise<ConflictView[]> {
    const conflicts = await this.conflicts(em, people, range, opts.excludeVisitId);
    if (conflicts.length && !opts.allow) {
      const names = [...new Set(conflicts.map((c) => c.name))];
      throw AppError.conflict(
        'VISIT_CONFLICTS',
        `${names.join('、')}在该时间已有其他安排（共 ${conflicts.length} 项冲突）；如仍要安排，请确认后重新提交`,
        { conflicts },
      );
    }
    return conflicts;
  }
}
