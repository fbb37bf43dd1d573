import { DeepPartial, EntityTarget, ObjectLiteral } from 'typeorm';
import { User } from '../../src/auth/user.entity';
import { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/roles';
import {
  Proposal,
  ProposalExtension,
  ProposalReply,
  ProposalSigner,
  ProposalUnit,
} from '../../src/proposals/proposal.entities';
import {
  Meeting,
  MeetingParticipant,
  MeetingSpeech,
  Outcome,
  Topic,
  TopicClock,
} from '../../src/topics/topic.entities';
import { Visit, VisitParticipant } from '../../src/visits/visit.entities';
import { TestApp } from './test-app';

/*
 * Rows written straight to the database for the integration specs (test/integration/), which call
 * services without HTTP: each helper fills the columns a row cannot do without, the test names the
 * ones it is about. No workflow runs and nothing is audited or indexed: a spec needing the text
 * index calls TextIndexService itself.
 */

let seq = 0;
const next = () => `${process.pid % 1000}-${++seq}`;

/** An instant in Beijing time: `beijing('2026-04-16', 9)`. */
export const beijing = (day: string, hour = 9, minute = 0) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);

export interface Rows {
  /** An account with these roles (no password to sign in with: services take an Actor). */
  user: (roles: Role[], links?: { memberId?: number; unitId?: number; pointId?: number }) => Promise<User>;
  /** The Actor a service sees for this account. */
  actor: (user: User) => Actor;
  /** A filed individual proposal (status `submitted`) unless told otherwise. */
  proposal: (fields: DeepPartial<Proposal> & { sessionId: number; filedByUserId: number }) => Promise<Proposal>;
  signer: (proposalId: number, memberId: number, fields?: DeepPartial<ProposalSigner>) => Promise<ProposalSigner>;
  /** An active 主办 assignment unless told otherwise. */
  assignment: (proposalId: number, unitId: number, fields?: DeepPartial<ProposalUnit>) => Promise<ProposalUnit>;
  reply: (
    proposalId: number,
    unitId: number,
    byUserId: number,
    fields?: DeepPartial<ProposalReply>,
  ) => Promise<ProposalReply>;
  /** A pending extension request unless told otherwise. */
  extension: (
    proposalId: number,
    unitId: number,
    byUserId: number,
    fields?: DeepPartial<ProposalExtension>,
  ) => Promise<ProposalExtension>;
  /** A city-level topic of a committee, raised (status `raised`) unless told otherwise. */
  topic: (fields: DeepPartial<Topic> & { organizerId: number; raisedByUserId: number }) => Promise<Topic>;
  /** The next recommendation of the topic, open unless told otherwise. */
  outcome: (topicId: number, byUserId: number, fields?: DeepPartial<Outcome>) => Promise<Outcome>;
  clock: (
    topicId: number,
    fields: DeepPartial<TopicClock> & Pick<TopicClock, 'clock' | 'dueAt'>,
  ) => Promise<TopicClock>;
  /** The topic's next meeting, two hours from `startsAt`. */
  meeting: (topicId: number, startsAt: Date, fields?: DeepPartial<Meeting>) => Promise<Meeting>;
  participant: (meeting: Meeting, fields: DeepPartial<MeetingParticipant>) => Promise<MeetingParticipant>;
  speech: (participant: MeetingParticipant, byUserId: number, summary?: string) => Promise<MeetingSpeech>;
  /** A planned 调研 of a committee, three hours from `startsAt`. */
  visit: (
    startsAt: Date,
    fields: DeepPartial<Visit> & { organizerId: number; createdByUserId: number },
  ) => Promise<Visit>;
  /** A member invited (kind `member`), or a staff account (`userId`), pending unless told otherwise. */
  invite: (
    visitId: number,
    who: { memberId: number } | { userId: number },
    fields?: DeepPartial<VisitParticipant>,
  ) => Promise<VisitParticipant>;
}

export function rows(t: TestApp): Rows {
  const save = <E extends ObjectLiteral>(entity: EntityTarget<E>, values: NoInfer<DeepPartial<E>>): Promise<E> => {
    const repo = t.ds.getRepository(entity);
    return repo.save(repo.create(values) as E) as Promise<E>;
  };
  const now = () => t.clock.now();
  const stamps = () => ({ createdAt: now(), updatedAt: now() });
  const positions = new Map<string, number>();
  const nextIn = (key: string) => {
    positions.set(key, (positions.get(key) ?? 0) + 1);
    return positions.get(key)!;
  };

  return {
    user: (roles, links = {}) =>
      save(User, {
        username: `r-${next()}`,
        displayName: `测试${next()}`,
        passwordHash: '-',
        roleList: roles.join(','),
        memberId: null,
        unitId: null,
        pointId: null,
        disabled: false,
        ...links,
      }),
    actor: (u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      memberId: u.memberId,
      unitId: u.unitId,
      pointId: u.pointId,
    }),
    proposal: (fields) =>
      save(Proposal, {
        kind: 'individual',
        title: `关于测试事项的建议${next()}`,
        category: 'economy',
        background: '情况分析',
        suggestions: JSON.stringify(['具体建议']),
        status: 'submitted',
        leadMemberId: null,
        sectorId: null,
        committeeId: null,
        submittedAt: now(),
        ...stamps(),
        ...fields,
      }),
    signer: (proposalId, memberId, fields = {}) =>
      save(ProposalSigner, {
        proposalId,
        memberId,
        role: 'lead',
        status: 'confirmed',
        invitedAt: now(),
        confirmedAt: now(),
        ...fields,
      }),
    assignment: (proposalId, unitId, fields = {}) =>
      save(ProposalUnit, { proposalId, unitId, role: 'lead', active: true, assignedAt: now(), ...fields }),
    reply: (proposalId, unitId, byUserId, fields = {}) =>
      save(ProposalReply, {
        proposalId,
        unitId,
        byUserId,
        round: 0,
        classification: 'A',
        content: '答复内容',
        isPublic: false,
        at: now(),
        ...fields,
      }),
    extension: (proposalId, unitId, byUserId, fields = {}) =>
      save(ProposalExtension, {
        proposalId,
        unitId,
        requestedByUserId: byUserId,
        months: 1,
        reason: '需要更多时间',
        requestedAt: now(),
        status: 'pending',
        ...fields,
      }),
    topic: (fields) =>
      save(Topic, {
        title: `关于测试议题的协商${next()}`,
        description: '议题说明',
        level: 'city',
        source: 'plan',
        organizerType: 'committee',
        status: 'raised',
        responsePolicy: null,
        published: false,
        ...stamps(),
        ...fields,
      }),
    outcome: (topicId, byUserId, fields = {}) =>
      save(Outcome, {
        topicId,
        kind: 'recommendation',
        theme: null,
        themeOrder: 0,
        position: nextIn(`outcome:${topicId}`),
        text: `成果${next()}`,
        unitId: null,
        status: 'open',
        createdByUserId: byUserId,
        ...stamps(),
        ...fields,
      }),
    clock: (topicId, fields) => save(TopicClock, { topicId, ...fields }),
    meeting: (topicId, startsAt, fields = {}) =>
      save(Meeting, {
        topicId,
        sequence: nextIn(`meeting:${topicId}`),
        kind: 'thematic',
        title: `协商会${next()}`,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
        venue: '市政协三楼会议室',
        chair: '马国庆',
        ...stamps(),
        ...fields,
      }),
    participant: (meeting, fields) =>
      save(MeetingParticipant, { meetingId: meeting.id, topicId: meeting.topicId, side: 'member', ...fields }),
    speech: (participant, byUserId, summary = '发言摘要') =>
      save(MeetingSpeech, {
        meetingId: participant.meetingId,
        participantId: participant.id,
        summary,
        recordedByUserId: byUserId,
        at: now(),
      }),
    visit: (startsAt, fields) =>
      save(Visit, {
        kind: 'research',
        title: `调研${next()}`,
        purpose: '了解情况',
        organizerType: 'committee',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
        status: 'planned',
        ...stamps(),
        ...fields,
      }),
    invite: (visitId, who, fields = {}) =>
      save(VisitParticipant, {
        visitId,
        kind: 'memberId' in who ? 'member' : 'staff',
        answer: 'pending',
        invitedAt: now(),
        ...who,
        ...fields,
      }),
  };
}
