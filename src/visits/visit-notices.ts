import { chineseDateTime } from '../common/chinese-dates';
import type { Notice } from '../notifications/notifications.service';
import { KIND_LABELS } from './visit-labels';
import type { Visit, VisitStop } from './visit.entities';

/*
 * Who hears of what about a visit, and in which words: the invited of their invitation and its
 * withdrawal, everyone still invited (not 请假) of a changed time, a cancellation and the reminder before
 * the day. Pure, as proposal-notices.ts; `VisitNotifier` finds the accounts of the participants the
 * step names and writes the messages in its transaction.
 */

export type VisitNotice = 'invited' | 'uninvited' | 'changed' | 'cancelled' | 'reminder';

/** participants: those the step names (a member through every account linked to them, a unit's person through the unit's accounts). */
export type VisitAudience = 'participants';

export type VisitRef = Pick<Visit, 'id' | 'title' | 'kind' | 'startsAt' | 'endsAt'>;

export interface VisitNoticeFacts {
  timeZone: string;
  /** cancelled: the reason given. */
  reason?: string | null;
  /** What makes this occurrence one (a participant, the version, the start and threshold): a re-run tells no one twice. */
  key?: string;
}

/** `2026年6月18日 08:30 至 12:00` (the end's date written out when it is another day). */
export function visitTimes(v: Pick<Visit, 'startsAt' | 'endsAt'>, timeZone: string): string {
  const [start, end] = [chineseDateTime(v.startsAt, timeZone), chineseDateTime(v.endsAt, timeZone)];
  const [startDay, endDay] = [start.split(' ')[0], end.split(' ')[0]];
  return `${start} 至 ${startDay === endDay ? end.split(' ')[1] : end}`;
}

/** What each notice says: `name` is 视察“…” or 调研“…”, `when` the visit's times. */
interface Wording {
  title: string;
  name: string;
  when: string;
  reason?: string | null;
}

const TEXTS: Record<VisitNotice, (w: Wording) => { title: string; body: string }> = {
  invited: (w) => ({
    title: `视察调研邀请：${w.title}`,
    body: `邀请您参加${w.name}，时间：${w.when}。请在“我的日程”中答复参加或请假。`,
  }),
  uninvited: (w) => ({ title: `已取消对您的邀请：${w.title}`, body: `${w.name}（${w.when}）不再需要您参加。` }),
  changed: (w) => ({
    title: `视察调研时间或行程有变：${w.title}`,
    body: `${w.name}已调整，现时间：${w.when}。请查看最新行程。`,
  }),
  cancelled: (w) => ({
    title: `视察调研已取消：${w.title}`,
    body: `${w.name}（${w.when}）已取消。${w.reason ? `原因：${w.reason}` : ''}`,
  }),
  reminder: (w) => ({ title: `视察调研提醒：${w.title}`, body: `${w.name}将于${w.when}开始，请按时参加。` }),
};

/** The notice of `notice` on visit `v`. */
export function noticesFor(v: VisitRef, notice: VisitNotice, facts: VisitNoticeFacts): Notice<VisitAudience>[] {
  const name = `${KIND_LABELS[v.kind]}“${v.title}”`;
  const text = TEXTS[notice]({ title: v.title, name, when: visitTimes(v, facts.timeZone), reason: facts.reason });
  const message = {
    kind: `visit.${notice}`,
    ...text,
    link: `/visits/${v.id}`,
    dedupeKey: `visit:${v.id}:${notice}${facts.key ? `:${facts.key}` : ''}`,
  };
  return [{ to: 'participants', message }];
}

export interface MeetingNoticeFacts {
  timeZone: string;
  /** The n-th 会议通知 of this visit: each send is its own, so a second one reaches those who got the first. */
  n: number;
  /** Where it starts: the itinerary's first stop, if there is one. */
  firstStop?: Pick<VisitStop, 'at' | 'place'> | null;
  /** 附言 of the sender. */
  note?: string | null;
  /** 紧急: an SMS goes even in the quiet hours. */
  urgent?: boolean;
}

/** 会议通知 sent by the office to everyone still invited: the time, where it starts, the note, and the request to answer on the site. */
export function meetingNoticeFor(v: VisitRef, facts: MeetingNoticeFacts): Notice<VisitAudience> {
  const stop = facts.firstStop
    ? `首站：${chineseDateTime(facts.firstStop.at, facts.timeZone).split(' ')[1]} ${facts.firstStop.place}。`
    : '';
  const note = facts.note ? `附言：${facts.note}${/[。！？.!?]$/.test(facts.note) ? '' : '。'}` : '';
  return {
    to: 'participants',
    message: {
      kind: 'visit.notice',
      title: `视察通知：${v.title}`,
      body: `${KIND_LABELS[v.kind]}“${v.title}”定于${visitTimes(v, facts.timeZone)}举行。${stop}${note}请在平台上回复是否参加。`,
      link: `/visits/${v.id}`,
      dedupeKey: `${visitNoticePrefix(v.id)}${facts.n}`,
      urgent: facts.urgent ?? false,
    },
  };
}

/** The keys of a visit's 会议通知 are this and the send's number. */
export const visitNoticePrefix = (visitId: number) => `visit:${visitId}:notice:`;
