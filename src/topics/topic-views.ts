import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { WorkflowHistoryItem } from '../audit/audit.service';
import { withheld } from '../audit/history-reader';
import { User } from '../auth/user.entity';
import { Actor, hasRole } from '../common/actor';
import { RefView } from '../common/dto-fields';
import { iso } from '../common/iso-time';
import { rateOf } from '../common/rate';
import { namesOf } from '../database/rows';
import { Committee, ConsultationPoint, Member, Sector, Unit } from '../directory/directory.entities';
import { ConsultationPlan, PlanItem } from '../plans/plan.entities';
import {
  MeetingSummaryView,
  MeetingView,
  OrganizerView,
  OutcomeListItem,
  OutcomeThemeView,
  OutcomeView,
  ParticipantView,
  PromiseView,
  TopicSummaryView,
  TopicView,
  UserRef,
} from './dto/topic-view.dto';
import { isOrganiser } from './topic-access';
import {
  ATTENDANCE_LABELS,
  LEVEL_LABELS,
  MEETING_KIND_LABELS,
  ORGANIZER_TYPE_LABELS,
  OUTCOME_KIND_LABELS,
  OUTCOME_STATUS_LABELS,
  BREACH_LABELS,
  sequenceLabel,
  SIDE_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
} from './topic-labels';
import { CLOSED_OUTCOME_STATUSES, OutcomeStatus, PROMISE_CLOCKS, PromiseClock } from './topic-workflow';
import {
  Meeting,
  MeetingParticipant,
  MeetingSpeech,
  Outcome,
  OutcomeFeedback,
  OrganizerType,
  Topic,
  TopicClock,
  TopicEvaluation,
} from './topic.entities';
import { TOPIC_CONFIG, TopicConfig } from './topics.config';

const ids = (values: (number | null)[]) => [...new Set(values.filter((v): v is number => v !== null))];

/** Display names of accounts by id, one query. */
export async function usersOf(em: EntityManager, wanted: number[]): Promise<Map<number, UserRef>> {
  const list = ids(wanted);
  const rows = list.length
    ? await em.find(User, { where: { id: In(list) }, select: { id: true, displayName: true } })
    : [];
  return new Map(rows.map((u) => [u.id, { id: u.id, displayName: u.displayName }]));
}

/** Counts per topic of the rows of `entity` (grouped further by `by` when given). */
async function countsBy(
  em: EntityManager,
  entity: typeof Meeting | typeof Outcome,
  topicIds: number[],
  by?: 'status',
): Promise<{ topicId: number; key: string | null; n: number }[]> {
  const qb = em
    .createQueryBuilder(entity, 'r')
    .select('r.topicId', 'topicId')
    .addSelect('COUNT(*)', 'n')
    .where('r.topicId IN (:...topicIds)', { topicIds })
    .groupBy('r.topicId');
  if (by) qb.addSelect(`r.${by}`, 'key').addGroupBy(`r.${by}`);
  const rows = await qb.getRawMany<{ topicId: number | string; key?: string; n: number | string }>();
  return rows.map((r) => ({ topicId: Number(r.topicId), key: r.key ?? null, n: Number(r.n) }));
}

/** The committees, sectors and points organising `rows`, in three queries: a topic's organiser as shown. */
type Organised = Pick<Topic, 'organizerType' | 'organizerId'>;

export async function organizersOf(em: EntityManager, rows: Organised[]): Promise<(t: Organised) => OrganizerView> {
  const byType = (type: OrganizerType) => rows.filter((r) => r.organizerType === type).map((r) => r.organizerId);
  const [committee, sector, point] = await Promise.all([
    namesOf(em, Committee, byType('committee')),
    namesOf(em, Sector, byType('sector')),
    namesOf(em, ConsultationPoint, byType('point')),
  ]);
  const names = { committee, sector, point };
  return (t) => ({
    type: t.organizerType,
    typeLabel: ORGANIZER_TYPE_LABELS[t.organizerType],
    id: t.organizerId,
    name: names[t.organizerType].get(t.organizerId)?.name ?? '',
  });
}

/** 采纳率 = done / all outcomes, to four places; null without outcomes. */
export const adoptionRate = (done: number, all: number): number | null => rateOf(done, all).rate;

/** 超期: past its due date by the sweep's mark, and not closed. */
export const isOverdue = (o: Pick<Outcome, 'overdueAt' | 'status'>): boolean =>
  o.overdueAt !== null && !CLOSED_OUTCOME_STATUSES.includes(o.status);

/** Sees each person's 评题 score and comment: those who run the topic (`isOrganiser`) and leaders; others the count and average. */
export const seesEachEvaluation = (viewer: Actor, t: Pick<Topic, 'organizerType' | 'organizerId'>): boolean =>
  isOrganiser(viewer, t) || hasRole(viewer, 'leader');

/**
 * A topic's history as `viewer` may see it: a 评题 step keeps who and when, but its score and comment only for
 * those who see each evaluation in the detail view (`seesEachEvaluation`).
 */
export function topicHistoryFor(t: Topic, viewer: Actor, items: WorkflowHistoryItem[]): WorkflowHistoryItem[] {
  if (seesEachEvaluation(viewer, t)) return items;
  return items.map((h) => (h.action === 'evaluate' ? withheld(h) : h));
}

/** Builds what readers see of topics, meetings and outcomes; related rows are loaded per page, never per row. */
@Injectable()
export class TopicViews {
  constructor(@Inject(TOPIC_CONFIG) private readonly config: TopicConfig) {}

  async summaries(em: EntityManager, rows: Topic[]): Promise<TopicSummaryView[]> {
    if (rows.length === 0) return [];
    const topicIds = rows.map((r) => r.id);
    const [organizer, users, meetingCounts, outcomeCounts, clocks] = await Promise.all([
      organizersOf(em, rows),
      usersOf(
        em,
        rows.map((r) => r.raisedByUserId),
      ),
      countsBy(em, Meeting, topicIds),
      countsBy(em, Outcome, topicIds, 'status'),
      rows.some((r) => r.responsePolicy) ? em.find(TopicClock, { where: { topicId: In(topicIds) } }) : [],
    ]);
    return rows.map((t) => {
      const outcomes = outcomeCounts.filter((c) => c.topicId === t.id);
      const all = outcomes.reduce((sum, c) => sum + c.n, 0);
      const done = outcomes.find((c) => c.key === 'done')?.n ?? 0;
      return {
        id: t.id,
        title: t.title,
        level: t.level,
        levelLabel: LEVEL_LABELS[t.level],
        source: t.source,
        sourceLabel: SOURCE_LABELS[t.source],
        organizer: organizer(t),
        raisedBy: users.get(t.raisedByUserId)!,
        status: t.status,
        statusLabel: STATUS_LABELS[t.status],
        responsePolicy: t.responsePolicy,
        responsePolicyLabel: t.responsePolicy ? this.policyLabel(t.responsePolicy) : null,
        promise: t.responsePolicy
          ? this.promise(
              t.responsePolicy,
              clocks.filter((c) => c.topicId === t.id),
            )
          : null,
        published: t.published,
        publishedAt: iso(t.publishedAt),
        meetingCount: meetingCounts.find((c) => c.topicId === t.id)?.n ?? 0,
        outcomeCount: all,
        adoptionRate: adoptionRate(done, all),
        createdAt: t.createdAt.toISOString(),
        updatedAt: t.updatedAt.toISOString(),
        version: t.version,
      };
    });
  }

  private policyLabel(code: string): string {
    return this.config.responsePolicies.get(code)?.label ?? code;
  }

  /** The promise's clocks: when each is due, when it was stopped, which were missed (in clock order). */
  private promise(code: string, clocks: TopicClock[]): PromiseView {
    const of = (clock: PromiseClock) => clocks.find((c) => c.clock === clock);
    const breached = PROMISE_CLOCKS.filter((clock) => of(clock)?.breachedAt);
    return {
      policy: code,
      policyLabel: this.policyLabel(code),
      acknowledgeBy: iso(of('acknowledge')?.dueAt ?? null),
      answerBy: iso(of('answer')?.dueAt ?? null),
      solveBy: iso(of('solve')?.dueAt ?? null),
      acknowledgedAt: iso(of('acknowledge')?.doneAt ?? null),
      answeredAt: iso(of('answer')?.doneAt ?? null),
      answer: of('answer')?.text ?? null,
      solvedAt: iso(of('solve')?.doneAt ?? null),
      breached,
      breachedLabels: breached.map((clock) => BREACH_LABELS[clock]),
    };
  }

  /** The whole topic; each person's evaluation only for those who run or oversee it. */
  async detail(em: EntityManager, t: Topic, viewer: Actor): Promise<TopicView> {
    const [[summary], meetings, outcomes, evaluations, planItem] = await Promise.all([
      this.summaries(em, [t]),
      em.find(Meeting, { where: { topicId: t.id }, order: { sequence: 'ASC' } }),
      em.find(Outcome, { where: { topicId: t.id }, order: { themeOrder: 'ASC', position: 'ASC' } }),
      em.find(TopicEvaluation, { where: { topicId: t.id }, order: { id: 'ASC' } }),
      t.source === 'plan' ? em.findOneBy(PlanItem, { topicId: t.id }) : null,
    ]);
    const plan = planItem ? await em.findOneBy(ConsultationPlan, { id: planItem.planId }) : null;
    const [meetingViews, outcomeViews, evaluators] = await Promise.all([
      this.meetingSummaries(em, meetings),
      this.outcomes(em, outcomes),
      usersOf(
        em,
        evaluations.map((e) => e.userId),
      ),
    ]);
    const count = (status: OutcomeStatus) => outcomes.filter((o) => o.status === status).length;
    const seesEach = seesEachEvaluation(viewer, t);
    return {
      ...summary,
      description: t.description,
      declineReason: t.declineReason,
      settledAt: iso(t.settledAt),
      resolvedAt: iso(t.resolvedAt),
      evaluatedAt: iso(t.evaluatedAt),
      visitId: t.visitId,
      meetings: meetingViews,
      outcomes: outcomeViews,
      outcomesByTheme: byTheme(outcomeViews),
      outcomeCounts: {
        open: count('open'),
        inProgress: count('in_progress'),
        done: count('done'),
        notAdopted: count('not_adopted'),
      },
      evaluationCount: evaluations.length,
      averageScore: evaluations.length
        ? Math.round((evaluations.reduce((s, e) => s + e.score, 0) / evaluations.length) * 100) / 100
        : null,
      evaluations: seesEach
        ? evaluations.map((e) => ({
            by: evaluators.get(e.userId)!,
            score: e.score,
            comment: e.comment,
            at: e.at.toISOString(),
          }))
        : [],
      planItem:
        planItem && plan ? { id: planItem.id, planId: plan.id, year: plan.year, quarter: planItem.quarter } : null,
    };
  }

  async meetingSummaries(em: EntityManager, rows: Meeting[]): Promise<MeetingSummaryView[]> {
    if (rows.length === 0) return [];
    const counts = await em
      .createQueryBuilder(MeetingParticipant, 'p')
      .select('p.meetingId', 'meetingId')
      .addSelect('COUNT(*)', 'n')
      .where('p.meetingId IN (:...meetingIds)', { meetingIds: rows.map((m) => m.id) })
      .groupBy('p.meetingId')
      .getRawMany<{ meetingId: number | string; n: number | string }>();
    return rows.map((m) => ({
      id: m.id,
      topicId: m.topicId,
      sequence: m.sequence,
      sequenceLabel: sequenceLabel(m.sequence),
      kind: m.kind,
      kindLabel: MEETING_KIND_LABELS[m.kind],
      title: m.title,
      startsAt: m.startsAt.toISOString(),
      endsAt: m.endsAt.toISOString(),
      venue: m.venue,
      chair: m.chair,
      heldAt: iso(m.heldAt),
      participantCount: Number(counts.find((c) => Number(c.meetingId) === m.id)?.n ?? 0),
      version: m.version,
    }));
  }

  async meeting(em: EntityManager, m: Meeting): Promise<MeetingView> {
    const [[summary], topic, participants, speeches] = await Promise.all([
      this.meetingSummaries(em, [m]),
      em.findOneByOrFail(Topic, { id: m.topicId }),
      em.find(MeetingParticipant, { where: { meetingId: m.id }, order: { id: 'ASC' } }),
      em.find(MeetingSpeech, { where: { meetingId: m.id }, order: { id: 'ASC' } }),
    ]);
    const [members, units] = await Promise.all([
      namesOf(
        em,
        Member,
        participants.map((p) => p.memberId),
      ),
      namesOf(
        em,
        Unit,
        participants.map((p) => p.unitId),
      ),
    ]);
    const people = new Map(participants.map((p) => [p.id, participantView(p, members, units)]));
    return {
      ...summary,
      topic: {
        id: topic.id,
        title: topic.title,
        status: topic.status,
        statusLabel: STATUS_LABELS[topic.status],
        version: topic.version,
      },
      noticeSentAt: iso(m.noticeSentAt),
      minutes: m.minutes,
      participants: [...people.values()],
      speeches: speeches.map((s) => ({
        id: s.id,
        participantId: s.participantId,
        speaker: people.get(s.participantId)?.name ?? '',
        summary: s.summary,
        at: s.at.toISOString(),
      })),
    };
  }

  /** Outcomes of several topics (the outcomes list), each with its topic. */
  async outcomeItems(em: EntityManager, rows: Outcome[]): Promise<OutcomeListItem[]> {
    if (rows.length === 0) return [];
    const topics = await em.findBy(Topic, { id: In(ids(rows.map((o) => o.topicId))) });
    const [views, organizer] = await Promise.all([this.outcomes(em, rows), organizersOf(em, topics)]);
    const byId = new Map(topics.map((t) => [t.id, t]));
    return views.map((v) => {
      const t = byId.get(v.topicId)!;
      return {
        ...v,
        topic: {
          id: t.id,
          title: t.title,
          status: t.status,
          statusLabel: STATUS_LABELS[t.status],
          version: t.version,
          organizer: organizer(t),
        },
      };
    });
  }

  async outcomes(em: EntityManager, rows: Outcome[]): Promise<OutcomeView[]> {
    if (rows.length === 0) return [];
    const feedback = await em.find(OutcomeFeedback, {
      where: { outcomeId: In(rows.map((o) => o.id)) },
      order: { id: 'ASC' },
    });
    const [units, users] = await Promise.all([
      namesOf(
        em,
        Unit,
        rows.map((o) => o.unitId),
      ),
      usersOf(
        em,
        feedback.map((f) => f.byUserId),
      ),
    ]);
    return rows.map((o) => ({
      id: o.id,
      topicId: o.topicId,
      kind: o.kind,
      kindLabel: OUTCOME_KIND_LABELS[o.kind],
      theme: o.theme,
      themeOrder: o.themeOrder,
      order: o.position,
      text: o.text,
      unit: o.unitId === null ? null : (units.get(o.unitId) ?? null),
      dueAt: iso(o.dueAt),
      status: o.status,
      statusLabel: OUTCOME_STATUS_LABELS[o.status],
      closedAt: iso(o.closedAt),
      overdue: isOverdue(o),
      overdueAt: iso(o.overdueAt),
      feedback: feedback
        .filter((f) => f.outcomeId === o.id)
        .map((f) => ({
          by: users.get(f.byUserId)!,
          fromStatus: f.fromStatus,
          toStatus: f.toStatus,
          toStatusLabel: f.toStatus ? OUTCOME_STATUS_LABELS[f.toStatus] : null,
          text: f.text,
          at: f.at.toISOString(),
        })),
      version: o.version,
    }));
  }
}

function participantView(
  p: MeetingParticipant,
  members: Map<number, RefView>,
  units: Map<number, RefView>,
): ParticipantView {
  const unitName = p.unitId !== null ? units.get(p.unitId)?.name : undefined;
  const name =
    p.memberId !== null
      ? (members.get(p.memberId)?.name ?? '')
      : unitName
        ? [unitName, p.name].filter(Boolean).join(' ')
        : (p.name ?? '');
  return {
    id: p.id,
    memberId: p.memberId,
    unitId: p.unitId,
    name,
    side: p.side,
    sideLabel: SIDE_LABELS[p.side],
    attendance: p.attendance,
    attendanceLabel: p.attendance ? ATTENDANCE_LABELS[p.attendance] : null,
  };
}

/** Outcomes in theme order, each theme with its outcomes in their order (the list comes sorted). */
export function byTheme(outcomes: OutcomeView[]): OutcomeThemeView[] {
  const groups: OutcomeThemeView[] = [];
  for (const o of outcomes) {
    const last = groups.at(-1);
    if (last && last.themeOrder === o.themeOrder) last.outcomes.push(o);
    else groups.push({ theme: o.theme, themeOrder: o.themeOrder, outcomes: [o] });
  }
  return groups;
}
