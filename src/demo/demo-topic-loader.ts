import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { toActor } from '../auth/user-view';
import { User } from '../auth/user.entity';
import { UsersService } from '../auth/users.service';
import { Actor, SYSTEM_ACTOR } from '../common/actor';
import { Clock } from '../common/clock';
import { Committee, ConsultationPoint, Member, Sector, Unit } from '../directory/directory.entities';
import { UnitsService } from '../directory/units.service';
import { DraftCommentsService } from '../drafts/draft-comments.service';
import { DraftsService } from '../drafts/drafts.service';
import { PlansService } from '../plans/plans.service';
import { ParticipantDto } from '../topics/dto/meeting.dto';
import { TopicMeetingsService } from '../topics/topic-meetings.service';
import { TopicOutcomesService } from '../topics/topic-outcomes.service';
import { TopicPromises } from '../topics/topic-promises.service';
import { Topic } from '../topics/topic.entities';
import { TopicsService } from '../topics/topics.service';
import { DemoClause } from './demo-covenant';
import { DEMO_PASSWORD } from './demo-data';
import { demoInstant, workingMinute } from './demo-proposal-loader';
import {
  DEMO_PLAN,
  DEMO_TOPIC_FACILITATORS,
  DEMO_TOPIC_UNITS,
  DEMO_TOPICS,
  DemoParticipant,
  DemoTopic,
  DemoTopicStep,
} from './demo-topics';

type Event = { topic: DemoTopic; step: DemoTopicStep | { day: number; do: 'raise' } };

const label = (p: DemoParticipant): string => ('member' in p ? p.member : 'unit' in p ? p.unit : p.name);

/**
 * Plays the demo topics (demo-topics.ts) through TopicsService, TopicMeetingsService and TopicOutcomesService,
 * each step with the Clock at its day, like the demo proposals. Loads into the demo directory (its facilitator
 * account present) while there is no topic at all, adding the accounts and units the stories need first.
 */
@Injectable()
export class DemoTopicLoader {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly users: UsersService,
    private readonly units: UnitsService,
    private readonly topics: TopicsService,
    private readonly meetings: TopicMeetingsService,
    private readonly outcomes: TopicOutcomesService,
    private readonly promises: TopicPromises,
    private readonly drafts: DraftsService,
    private readonly comments: DraftCommentsService,
    private readonly plans: PlansService,
  ) {}

  async loadIfNone(): Promise<boolean> {
    if ((await this.ds.getRepository(Topic).count()) > 0) return false;
    if (!(await this.ds.getRepository(User).existsBy({ username: 'facilitator' }))) return false;
    await this.ensureAccounts();
    const cast = await this.cast();
    const play = new Playback(
      cast,
      { topics: this.topics, meetings: this.meetings, outcomes: this.outcomes, promises: this.promises },
      { drafts: this.drafts, comments: this.comments, plans: this.plans },
      await this.plan(cast),
      this.clock.now(),
    );
    const events: Event[] = DEMO_TOPICS.flatMap((topic) => [
      { topic, step: { day: topic.raised, do: 'raise' as const } },
      ...topic.steps.map((step) => ({ topic, step })),
    ]);
    const order = events.map((e, i) => ({ e, i })).sort((a, b) => b.e.step.day - a.e.step.day || a.i - b.i);
    const onDay = new Map<number, number>();
    const now = this.clock.now();
    const raisedAt = new Map<string, Date>();
    let last = 0;
    for (const { e } of order) {
      const k = onDay.get(e.step.day) ?? 0;
      onDay.set(e.step.day, k + 1);
      // Three minutes apart on each day; a step timed `after` its topic's raising at that minute; never before the one played last.
      const after = 'after' in e.step ? e.step.after : undefined;
      const planned =
        after !== undefined
          ? raisedAt.get(e.topic.key)!.getTime() + after * 60_000
          : demoInstant(now, e.step.day, workingMinute(e.step.day) + k * 3).getTime();
      const at = new Date(Math.max(planned, last + 60_000));
      last = at.getTime();
      if (e.step.do === 'raise') raisedAt.set(e.topic.key, at);
      await this.clock.runAt(at, () => play.step(e));
    }
    this.logger.log(`已载入演示协商议题 ${DEMO_TOPICS.length} 个`);
    return true;
  }

  /**
   * The 年度协商计划 of the year the first planned topic was started in: drafted in that January, given its items
   * (each planned topic in the quarter it was started, and the ones still to come in this quarter) and approved
   * the week after; the planned topics are then started from their items as the stories reach them.
   * Returns each planned topic's item.
   */
  private async plan(c: Cast): Promise<Map<string, number>> {
    const planned = DEMO_TOPICS.filter((t) => t.plan);
    const itemIds = new Map<string, number>();
    if (!planned.length) return itemIds;
    const now = this.clock.now();
    const staff = c.actor('staff');
    const first = Math.max(...planned.map((t) => t.raised));
    const year = beijing(demoInstant(now, first, 9 * 60)).getUTCFullYear();
    const quarter = (days: number) => Math.floor(beijing(demoInstant(now, days, 9 * 60)).getUTCMonth() / 3) + 1;
    // Drafted in the first week of that year and approved the week after (or ten days before the first start,
    // should that fall in the first fortnight).
    const january = Math.max(Math.floor((now.getTime() - Date.UTC(year, 0, 6, -8)) / 86_400_000), first + 10);
    const plan = await this.clock.runAt(demoInstant(now, january, 10 * 60 + 20), () =>
      this.plans.create(staff, { year, note: DEMO_PLAN.note }),
    );
    const items = [
      ...planned.map((t) => ({
        key: t.key,
        title: t.title,
        notes: t.description,
        form: t.plan!.form,
        organizer: t.organizer,
        level: t.level,
        leadUnit: t.plan!.leadUnit,
        quarter: quarter(t.raised),
      })),
      ...DEMO_PLAN.items.map((i) => ({ ...i, key: null, quarter: quarter(0) })),
    ];
    for (const [n, item] of items.entries()) {
      const added = await this.clock.runAt(demoInstant(now, january - 1, 9 * 60 + 40 + n * 4), () =>
        this.plans.addItem(staff, plan.id, {
          title: item.title,
          notes: item.notes,
          form: item.form,
          organizer: { type: item.organizer.type, id: c.id(item.organizer.type, item.organizer.name) },
          level: item.level,
          quarter: item.quarter,
          leadUnitId: item.leadUnit ? c.id('unit', item.leadUnit) : null,
        }),
      );
      if (item.key) itemIds.set(item.key, added.id);
    }
    await this.clock.runAt(demoInstant(now, january - 8, 16 * 60 + 10), () => this.plans.approve(staff, plan.id, {}));
    return itemIds;
  }

  /** The other points' facilitators and the units that report on outcomes sign in like everyone else. */
  private async ensureAccounts(): Promise<void> {
    const have = new Set(
      (await this.ds.getRepository(User).find({ select: { username: true } })).map((u) => u.username),
    );
    const points = new Map((await this.ds.getRepository(ConsultationPoint).find()).map((p) => [p.name, p.id]));
    for (const f of DEMO_TOPIC_FACILITATORS) {
      if (!have.has(f.username))
        await this.users.create(SYSTEM_ACTOR, {
          username: f.username,
          password: DEMO_PASSWORD,
          displayName: f.displayName,
          roles: ['facilitator'],
          pointId: need(points, f.point),
        });
    }
    const units = new Map((await this.ds.getRepository(Unit).find()).map((u) => [u.name, u.id]));
    for (const u of DEMO_TOPIC_UNITS) {
      if (!units.has(u.unit))
        units.set(
          u.unit,
          (
            await this.units.create(SYSTEM_ACTOR, {
              name: u.unit,
              kind: u.kind ?? 'government',
              contactName: u.contactName,
            })
          ).id,
        );
      if (!have.has(u.username))
        await this.users.create(SYSTEM_ACTOR, {
          username: u.username,
          password: DEMO_PASSWORD,
          displayName: `${u.contactName}（${u.unit}）`,
          roles: ['unit'],
          unitId: need(units, u.unit),
        });
    }
  }

  private async cast(): Promise<Cast> {
    const users = (await this.ds.getRepository(User).find({ where: { disabled: false }, order: { id: 'ASC' } })).map(
      toActor,
    );
    const ids = async (
      entity: typeof Member | typeof Unit | typeof Committee | typeof Sector | typeof ConsultationPoint,
    ) =>
      new Map(
        (await this.ds.getRepository(entity).find({ select: { id: true, name: true } })).map((r) => [r.name, r.id]),
      );
    const units = await ids(Unit);
    const byName = {
      member: await ids(Member),
      unit: units,
      committee: await ids(Committee),
      sector: await ids(Sector),
      point: await ids(ConsultationPoint),
    };
    return {
      actor: (who) => {
        const found = who.startsWith('unit:')
          ? users.find((a) => a.roles.includes('unit') && a.unitId === need(units, who.slice(5)))
          : users.find((a) => a.username === who);
        if (!found) throw new Error(`演示数据中“${who}”没有账号`);
        return found;
      },
      id: (type, name) => need(byName[type], name),
    };
  }
}

interface Cast {
  /** An account by username, or `unit:<name>` for an account of that unit. */
  actor: (who: string) => Actor;
  id: (type: 'member' | 'unit' | 'committee' | 'sector' | 'point', name: string) => number;
}

/** The topics, meetings, participants and outcomes of one loading, by their keys in the stories. */
class Playback {
  private readonly topicIds = new Map<string, number>();
  private readonly meetingIds = new Map<string, number>();
  private readonly outcomeIds = new Map<string, number>();
  /** Per meeting, each participant's id by the name the stories use. */
  private readonly people = new Map<string, Map<string, number>>();
  /** Per topic, its draft for comment and the clauses of its first edition. */
  private readonly draftIds = new Map<string, { id: number; clauseIds: number[] }>();
  /** Comments from the public page so far: each from an address of its own. */
  private publicComments = 0;
  private readonly topics: TopicsService;
  private readonly meetings: TopicMeetingsService;
  private readonly outcomes: TopicOutcomesService;
  private readonly promises: TopicPromises;

  constructor(
    private readonly c: Cast,
    topicServices: {
      topics: TopicsService;
      meetings: TopicMeetingsService;
      outcomes: TopicOutcomesService;
      promises: TopicPromises;
    },
    private readonly other: { drafts: DraftsService; comments: DraftCommentsService; plans: PlansService },
    /** The plan item of each topic of the 年度协商计划. */
    private readonly planItems: Map<string, number>,
    private readonly now: Date,
  ) {
    ({
      topics: this.topics,
      meetings: this.meetings,
      outcomes: this.outcomes,
      promises: this.promises,
    } = topicServices);
  }

  async step({ topic, step }: Event): Promise<void> {
    if (step.do === 'raise' && topic.plan) {
      const item = await this.other.plans.start(this.c.actor(topic.by), need(this.planItems, topic.key), {});
      this.topicIds.set(topic.key, item.topic!.id);
      return;
    }
    if (step.do === 'raise') {
      const organizer = { type: topic.organizer.type, id: this.c.id(topic.organizer.type, topic.organizer.name) };
      const created = await this.topics.create(this.c.actor(topic.by), {
        title: topic.title,
        description: topic.description,
        level: topic.level,
        source: topic.source,
        organizer,
        responsePolicy: topic.responsePolicy,
      });
      this.topicIds.set(topic.key, created.id);
      return;
    }
    const id = need(this.topicIds, topic.key);
    if (step.do === 'publicComment') return this.publicComment(topic, step.comment.name, step);
    const by = this.c.actor(step.by);
    const draft = () => need(this.draftIds, topic.key);
    const meeting = (key: string) => need(this.meetingIds, `${topic.key}/${key}`);
    switch (step.do) {
      case 'settle':
        return void (await this.topics.settle(by, id, {}));
      case 'decline':
        return void (await this.topics.decline(by, id, { reason: step.reason }));
      case 'resolve':
        return void (await this.topics.resolve(by, id, {}));
      case 'acknowledge':
        return void (await this.promises.acknowledge(by, id, {}));
      case 'answer':
        return void (await this.promises.answer(by, id, { text: step.text }));
      case 'publish':
        return void (await this.topics.publish(by, id, {}));
      case 'close':
        return void (await this.topics.close(by, id, {}));
      case 'evaluate':
        return void (await this.topics.evaluate(by, id, { score: step.score, comment: step.comment ?? null }));
      case 'meeting': {
        const startsAt = demoInstant(this.now, step.on, step.on % 2 ? 14 * 60 + 30 : 9 * 60 + 30);
        const m = await this.meetings.add(by, id, {
          kind: step.kind,
          title: step.title,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2.5 * 3_600_000).toISOString(),
          venue: step.venue,
          chair: step.chair,
        });
        this.meetingIds.set(`${topic.key}/${step.key}`, m.id);
        return;
      }
      case 'participants': {
        const items: ParticipantDto[] = step.list.map((p) =>
          'member' in p
            ? { memberId: this.c.id('member', p.member), side: p.side ?? 'member' }
            : 'unit' in p
              ? { unitId: this.c.id('unit', p.unit), name: p.name ?? null, side: p.side }
              : { name: p.name, side: p.side },
        );
        const view = await this.meetings.addParticipants(by, meeting(step.meeting), items);
        const added = view.participants.slice(-items.length);
        this.people.set(`${topic.key}/${step.meeting}`, new Map(step.list.map((p, i) => [label(p), added[i].id])));
        return;
      }
      case 'attendance': {
        const people = need(this.people, `${topic.key}/${step.meeting}`);
        const items = [...people].map(([name, participantId]) => ({
          participantId,
          present: !step.excused?.includes(name) && !step.absent?.includes(name),
          excused: step.excused?.includes(name) || undefined,
        }));
        return void (await this.meetings.recordAttendance(by, meeting(step.meeting), items));
      }
      case 'speech':
        return void (await this.meetings.addSpeech(by, meeting(step.meeting), {
          participantId: need(need(this.people, `${topic.key}/${step.meeting}`), step.speaker),
          summary: step.summary,
        }));
      case 'hold':
        return void (await this.meetings.hold(by, meeting(step.meeting), { minutes: step.minutes }));
      case 'outcome': {
        const o = await this.outcomes.add(by, id, {
          kind: step.kind,
          theme: step.theme ?? null,
          text: step.text,
          unitId: step.unit ? this.c.id('unit', step.unit) : undefined,
          dueAt: step.due !== undefined ? demoInstant(this.now, step.due, 17 * 60).toISOString() : undefined,
        });
        this.outcomeIds.set(`${topic.key}/${step.key}`, o.id);
        return;
      }
      case 'feedback':
        return void (await this.outcomes.update(by, need(this.outcomeIds, `${topic.key}/${step.outcome}`), {
          status: step.status,
          feedback: step.text,
        }));
      case 'draft': {
        const d = await this.other.drafts.create(by, {
          title: step.title,
          description: step.description,
          topicId: id,
          clauses: clausesOf(step.clauses),
          openToPublic: step.openToPublic,
        });
        this.draftIds.set(topic.key, { id: d.id, clauseIds: d.clauses.map((c) => c.id) });
        return;
      }
      case 'openDraft':
        return void (await this.other.drafts.open(by, draft().id, {
          closesAt: demoInstant(this.now, step.closes, 17 * 60 + 30).toISOString(),
        }));
      case 'forms':
        // Each 征求意见表 typed in by the organiser with its author's name, as the form was handed in.
        for (const c of step.comments)
          await this.other.comments.comment(by, draft().id, {
            authorName: c.name,
            comments: [{ clauseId: this.clauseId(topic.key, c.clause), text: c.text }],
          });
        return;
      case 'closeDraft':
        return void (await this.other.drafts.close(by, draft().id, {}));
      case 'dispose': {
        // Read from 意见汇总 as the organiser reads them: each resident's comment by name.
        const summary = await this.other.comments.summary(by, draft().id);
        const ids = new Map(summary.clauses.flatMap((c) => c.comments).map((c) => [c.authorName, c.id]));
        for (const c of step.comments)
          await this.other.comments.dispose(by, need(ids, c.name), {
            disposition: c.disposition,
            reason: c.reason ?? null,
          });
        return;
      }
      case 'revise':
        return void (await this.other.drafts.revise(by, draft().id, {
          clauses: clausesOf(step.clauses),
          note: step.note,
        }));
    }
  }

  /** A resident's comment from the public page, from an address of its own. */
  private async publicComment(topic: DemoTopic, name: string, step: Extract<DemoTopicStep, { do: 'publicComment' }>) {
    const n = ++this.publicComments;
    await this.other.comments.publicComment(
      need(this.draftIds, topic.key).id,
      { name, comments: [{ clauseId: this.clauseId(topic.key, step.comment.clause), text: step.comment.text }] },
      `10.64.${n >> 8}.${(n % 250) + 2}`,
    );
  }

  /** The id of clause `n` (1-based) of the topic's draft as first put out; null for a comment on the whole. */
  private clauseId(key: string, n: number | null): number | null {
    if (n === null) return null;
    const id = need(this.draftIds, key).clauseIds[n - 1];
    if (id === undefined) throw new Error(`演示数据引用了不存在的第${n}条`);
    return id;
  }
}

/** Clauses numbered 第N条 in order, each under its chapter. */
const clausesOf = (clauses: DemoClause[]) =>
  clauses.map((c, i) => ({ label: `第${chineseNumber(i + 1)}条`, chapter: c.chapter, text: c.text }));

function chineseNumber(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n];
  return `${n >= 20 ? digits[Math.floor(n / 10)] : ''}十${n % 10 ? digits[n % 10] : ''}`;
}

/** The wall clock in Beijing, read through the UTC getters. */
const beijing = (d: Date) => new Date(d.getTime() + 8 * 3_600_000);

function need<K, V>(map: Map<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`演示数据引用了不存在的“${String(key)}”`);
  return value;
}
