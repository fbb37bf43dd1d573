import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { assertAllowed } from '../common/workflow';
import { Tx } from '../database/tx';
import { updateVersioned } from '../database/versioned';
import { Member, Unit } from '../directory/directory.entities';
import { AttendanceDto, CreateMeetingDto, HoldMeetingDto, ParticipantDto, SpeechDto } from './dto/meeting.dto';
import { MeetingView } from './dto/topic-view.dto';
import { isOrganiser } from './topic-access';
import { meetingNotFound, TopicStore } from './topic-store';
import { TopicViews } from './topic-views';
import { check, decide } from './topic-workflow';
import { Attendance, Meeting, MeetingParticipant, MeetingSpeech, Topic } from './topic.entities';
import { TopicsService } from './topics.service';

type Fields = Record<string, string[]>;

/** 协商会: arranging a meeting (第N次协商), who takes part and attends, who said what, and holding it (议题). */
@Injectable()
export class TopicMeetingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly clock: Clock,
    private readonly store: TopicStore,
    private readonly views: TopicViews,
    private readonly topics: TopicsService,
  ) {}

  async get(actor: Actor, id: number): Promise<MeetingView> {
    const m = await this.ds.getRepository(Meeting).findOneBy({ id });
    if (!m) throw meetingNotFound();
    await this.topics.readable(actor, m.topicId);
    return this.views.meeting(this.ds.manager, m);
  }

  /** A meeting numbered after the topic's others; it must end after it starts. */
  add(actor: Actor, topicId: number, dto: CreateMeetingDto): Promise<MeetingView> {
    return this.tx.run(async (em) => {
      const t = await this.store.load(em, actor, topicId, dto.version);
      assertAllowed(check(t.status, 'addMeeting', { isOrganiser: isOrganiser(actor, t) }));
      const startsAt = new Date(dto.startsAt);
      const endsAt = new Date(dto.endsAt);
      if (endsAt.getTime() <= startsAt.getTime()) throw AppError.invalidField('endsAt', '结束时间须晚于开始时间');
      const last = await em
        .createQueryBuilder(Meeting, 'm')
        .select('MAX(m.sequence)', 'n')
        .where('m.topicId = :topicId', { topicId: t.id })
        .getRawOne<{ n: number | string | null }>();
      const now = this.clock.now();
      const m = em.create(Meeting, {
        topicId: t.id,
        sequence: Number(last?.n ?? 0) + 1,
        kind: dto.kind,
        title: dto.title,
        startsAt,
        endsAt,
        venue: dto.venue,
        chair: dto.chair,
        noticeSentAt: null,
        heldAt: null,
        minutes: null,
        createdAt: now,
        updatedAt: now,
      });
      await em.save(m);
      await this.store.write(em, actor, t, {
        action: 'meeting',
        details: {
          meetingId: m.id,
          sequence: m.sequence,
          kind: m.kind,
          title: m.title,
          startsAt: startsAt.toISOString(),
        },
      });
      return this.views.meeting(em, m);
    });
  }

  /** 参会人员: members, units (with who came) and people by name, each with their side. */
  addParticipants(actor: Actor, id: number, items: ParticipantDto[]): Promise<MeetingView> {
    return this.meetingStep(actor, id, undefined, async (em, t, m) => {
      const fields: Fields = {};
      const taken = new Set(
        (await em.findBy(MeetingParticipant, { meetingId: m.id })).map((p) => p.memberId).filter((v) => v !== null),
      );
      const members = new Map(
        (await em.findBy(Member, { id: In(items.map((i) => i.memberId ?? 0)) })).map((r) => [r.id, r]),
      );
      const units = new Map((await em.findBy(Unit, { id: In(items.map((i) => i.unitId ?? 0)) })).map((r) => [r.id, r]));
      items.forEach((p, i) => {
        const fail = (field: string, message: string) => (fields[`${i}.${field}`] = [message]);
        if (p.memberId !== undefined && (p.unitId !== undefined || p.name))
          fail('memberId', '委员参会时不再填写单位或姓名');
        else if (p.memberId !== undefined) {
          const member = members.get(p.memberId);
          if (!member || member.disabled) fail('memberId', `委员（编号 ${p.memberId}）不存在或已停用`);
          else if (taken.has(p.memberId)) fail('memberId', `${member.name}已在参会名单中`);
          taken.add(p.memberId);
        } else if (p.unitId !== undefined) {
          const unit = units.get(p.unitId);
          if (!unit || unit.disabled) fail('unitId', `单位（编号 ${p.unitId}）不存在或已停用`);
        } else if (!p.name) fail('name', '请填写委员、单位或参会人姓名');
      });
      if (Object.keys(fields).length) throw AppError.invalid(fields);
      await em.insert(
        MeetingParticipant,
        items.map((p) => ({
          meetingId: m.id,
          topicId: t.id,
          memberId: p.memberId ?? null,
          unitId: p.unitId ?? null,
          name: p.name ?? null,
          side: p.side,
          attendance: null,
        })),
      );
      return { action: 'participants', details: { meetingId: m.id, added: items.length } };
    });
  }

  /** 出席情况: present, excused (请假) or absent, for participants of this meeting. */
  recordAttendance(actor: Actor, id: number, items: AttendanceDto[]): Promise<MeetingView> {
    return this.meetingStep(actor, id, undefined, async (em, _t, m) => {
      const ours = new Set((await em.findBy(MeetingParticipant, { meetingId: m.id })).map((p) => p.id));
      const fields: Fields = {};
      items.forEach((a, i) => {
        if (!ours.has(a.participantId))
          fields[`${i}.participantId`] = [`参会人员（编号 ${a.participantId}）不在本次会议名单中`];
        else if (a.present && a.excused) fields[`${i}.excused`] = ['已出席的人员不能同时请假'];
      });
      if (Object.keys(fields).length) throw AppError.invalid(fields);
      const counts: Record<Attendance, number> = { present: 0, excused: 0, absent: 0 };
      for (const a of items) {
        const attendance: Attendance = a.present ? 'present' : a.excused ? 'excused' : 'absent';
        counts[attendance] += 1;
        await em.update(MeetingParticipant, { id: a.participantId }, { attendance });
      }
      return { action: 'attendance', details: { meetingId: m.id, ...counts } };
    });
  }

  /** 发言: a participant's words, summarised. */
  addSpeech(actor: Actor, id: number, dto: SpeechDto): Promise<MeetingView> {
    return this.meetingStep(actor, id, dto.version, async (em, _t, m) => {
      if (!(await em.existsBy(MeetingParticipant, { id: dto.participantId, meetingId: m.id }))) {
        throw AppError.invalidField('participantId', `参会人员（编号 ${dto.participantId}）不在本次会议名单中`);
      }
      await em.insert(MeetingSpeech, {
        meetingId: m.id,
        participantId: dto.participantId,
        summary: dto.summary,
        recordedByUserId: actor.id,
        at: this.clock.now(),
      });
      return { action: 'speech', details: { meetingId: m.id, participantId: dto.participantId } };
    });
  }

  /** 召开: the meeting took place, with its minutes; the topic's first one starts 议题. */
  hold(actor: Actor, id: number, dto: HoldMeetingDto): Promise<MeetingView> {
    return this.tx.run(async (em) => {
      const { topic: t, meeting: m } = await this.store.loadMeeting(em, actor, id, dto.version);
      const d = assertAllowed(
        decide(t.status, 'hold', {
          isOrganiser: isOrganiser(actor, t),
          minutes: dto.minutes,
          meetingHeld: m.heldAt !== null,
        }),
      );
      const now = this.clock.now();
      await updateVersioned(em, Meeting, m, { heldAt: now, minutes: dto.minutes!, updatedAt: now });
      await this.store.write(em, actor, t, {
        action: 'hold',
        set: d.to === t.status ? {} : { status: d.to },
        details: { meetingId: m.id, sequence: m.sequence },
      });
      return this.views.meeting(em, m);
    });
  }

  /** A step that records something at a running topic's meeting: the organiser's, version-checked on the meeting, audited on the topic. */
  private meetingStep(
    actor: Actor,
    id: number,
    version: number | undefined,
    work: (em: EntityManager, t: Topic, m: Meeting) => Promise<{ action: string; details: Record<string, unknown> }>,
  ): Promise<MeetingView> {
    return this.tx.run(async (em) => {
      const { topic: t, meeting: m } = await this.store.loadMeeting(em, actor, id, version);
      assertAllowed(check(t.status, 'editMeeting', { isOrganiser: isOrganiser(actor, t) }));
      const change = await work(em, t, m);
      await updateVersioned(em, Meeting, m, { updatedAt: this.clock.now() });
      await this.store.write(em, actor, t, change);
      return this.views.meeting(em, m);
    });
  }
}
