import { chineseDate, chineseDateTime } from '../common/chinese-dates';
import type { Notice, NotificationMessage } from '../notifications/notifications.service';
import { BREACH_LABELS, CLOCK_LABELS, PromiseClock } from './topic-workflow';

/*
 * Who hears of a topic's deadlines, and in which words: the notices of the “252” response promises and
 * of overdue outcomes. Pure, as proposal-notices.ts; `TopicNotifier` finds the accounts of each audience
 * and writes the messages in the transaction that records the miss, once each (the dedupe keys).
 */

/**
 * point: the facilitators of the organising point (none for a committee's or sector's topic);
 * staff: every staff account; organiser: the point's facilitators, or staff for a committee's or
 * sector's topic; unit: the accounts of the outcome's responsible unit.
 */
export type TopicAudience = 'point' | 'staff' | 'organiser' | 'unit';

export interface TopicRef {
  id: number;
  title: string;
}

/** A response-promise clock missed, or an outcome past its due date. */
export type TopicOccasion =
  | { kind: 'promise_breached'; clock: PromiseClock; dueAt: Date; policyLabel: string }
  | { kind: 'outcome_overdue'; outcome: OutcomeRef };

export interface OutcomeRef {
  id: number;
  position: number;
  text: string;
  dueAt: Date | null;
  /** The responsible unit, if any: its accounts are the `unit` audience. */
  unitId: number | null;
}

const short = (text: string, max = 40) => ([...text].length > max ? `${[...text].slice(0, max).join('')}…` : text);

/** The notices of one occasion on topic `t`, dates written in `timeZone`. */
export function noticesFor(t: TopicRef, occasion: TopicOccasion, timeZone: string): Notice<TopicAudience>[] {
  const link = `/topics/${t.id}`;
  if (occasion.kind === 'promise_breached') {
    const { clock, dueAt, policyLabel } = occasion;
    const message = {
      kind: 'topic.promise_breached',
      title: `响应承诺${BREACH_LABELS[clock]}：${short(t.title, 30)}`,
      body: `协商议题“${t.title}”未在${chineseDateTime(dueAt, timeZone)}前${CLOCK_LABELS[clock]}（${policyLabel}）。`,
      link,
      dedupeKey: `topic:${t.id}:breach:${clock}`,
    };
    return [
      { to: 'point', message },
      { to: 'staff', message },
    ];
  }
  const o = occasion.outcome;
  const message = {
    kind: 'topic.outcome_overdue',
    title: `协商成果办理超期：${short(t.title, 30)}`,
    body: `协商议题“${t.title}”的第${o.position}项成果“${short(o.text)}”办理期限为${chineseDate(o.dueAt, timeZone)}，现已超期，请抓紧办理并反馈。`,
    link,
    dedupeKey: `outcome:${o.id}:overdue`,
  };
  return [
    { to: 'unit', message },
    { to: 'organiser', message },
  ];
}

/** The keys of a meeting's 会议通知 are this and the send's number. */
export const meetingNoticePrefix = (meetingId: number) => `meeting:${meetingId}:notice:`;

export interface MeetingNoticeFacts {
  timeZone: string;
  /** The n-th 会议通知 of this meeting: each send is its own, so a second one reaches those who got the first. */
  n: number;
  /** 附言 of the sender. */
  note?: string | null;
  /** 紧急: an SMS goes even in the quiet hours. */
  urgent?: boolean;
}

/** 会议通知 of a 协商会 to its participants: the time and place, the note, and where to read it (the meeting's page). */
export function meetingNoticeFor(
  m: { id: number; title: string; startsAt: Date; endsAt: Date; venue: string; kindLabel: string },
  facts: MeetingNoticeFacts,
): NotificationMessage {
  const [start, end] = [chineseDateTime(m.startsAt, facts.timeZone), chineseDateTime(m.endsAt, facts.timeZone)];
  const when = `${start} 至 ${start.split(' ')[0] === end.split(' ')[0] ? end.split(' ')[1] : end}`;
  const note = facts.note ? `附言：${facts.note}${/[。！？.!?]$/.test(facts.note) ? '' : '。'}` : '';
  return {
    kind: 'meeting.notice',
    title: `会议通知：${m.title}`,
    body: `${m.kindLabel}“${m.title}”定于${when}在${m.venue}召开。${note}请准时参加，不能参加的请向组织方请假。`,
    link: `/meetings/${m.id}`,
    dedupeKey: `${meetingNoticePrefix(m.id)}${facts.n}`,
    urgent: facts.urgent ?? false,
  };
}
