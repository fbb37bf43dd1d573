import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { toActor } from '../auth/user-view';
import { User } from '../auth/user.entity';
import { UsersService } from '../auth/users.service';
import { Actor, SYSTEM_ACTOR } from '../common/actor';
import { Clock } from '../common/clock';
import { Committee, ConsultationPoint, Member, Sector, Unit } from '../directory/directory.entities';
import { UnitsService } from '../directory/units.service';
import { ParticipantDto } from '../topics/dto/meeting.dto';
import { TopicMeetingsService } from '../topics/topic-meetings.service';
import { TopicOutcomesService } from '../topics/topic-outcomes.service';
import { TopicPromises } from '../topics/topic-promises.service';
import { Topic } from '../topics/topic.entities';
import { TopicsService } from '../topics/topics.service';
import { DEMO_PASSWORD } from './demo-data';
import { demoInstant } from './demo-proposal-loader';
import {
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
  ) {}

  async loadIfNone(): Promise<boolean> {
    if ((await this.ds.getRepository(Topic).count()) > 0) return false;
    if (!(await this.ds.getRepository(User).existsBy({ username: 'facilitator' }))) return false;
    await this.ensureAccounts();
    const play = new Playback(
      await this.cast(),
      this.topics,
      this.meetings,
      this.outcomes,
      this.promises,
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
          : demoInstant(now, e.step.day, 15 * 60 + k * 3).getTime();
      const at = new Date(Math.max(planned, last + 60_000));
      last = at.getTime();
      if (e.step.do === 'raise') raisedAt.set(e.topic.key, at);
      await this.clock.runAt(at, () => play.step(e));
    }
    this.logger.log(`已载入演示协商议题 ${DEMO_TOPICS.length} 个`);
    return true;
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

  constructor(
    private readonly c: Cast,
    private readonly topics: TopicsService,
    private readonly meetings: TopicMeetingsService,
    private readonly outcomes: TopicOutcomesService,
    private readonly promises: TopicPromises,
    private readonly now: Date,
  ) {}

  async step({ topic, step }: Event): Promise<void> {
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
    const by = this.c.actor(step.by);
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
        const startsAt = demoInstant(this.now, step.on, 9 * 60 + 30);
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
    }
  }
}

function need<K, V>(map: Map<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`演示数据引用了不存在的“${String(key)}”`);
  return value;
}
