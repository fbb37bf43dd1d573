import type { Notice } from '../notifications/notifications.service';

/*
 * Who hears of what happens to a 社情民意信息, and in which words. Pure, like proposal-notices.ts:
 * OpinionNotifier finds the accounts and writes the messages in the step's transaction.
 */

/** contributors: every member who signed it, and the staff account that filed a group's item; staff: every staff account. */
export type OpinionAudience = 'contributors' | 'staff';

export const OPINION_EVENTS = [
  'submitted',
  'accepted',
  'archived',
  'returned',
  'converted',
  'merged',
  'issued',
  'instructed',
  'instruction_done',
] as const;
export type OpinionEvent = (typeof OPINION_EVENTS)[number];

export interface OpinionNoticeFacts {
  id: number;
  title: string;
  version: number;
  /** The reason or note of the step. */
  note: string | null;
  /** What makes the notice one of its own when the item's version does not move (a 批示, one of its 交办事项). */
  occasion?: string;
}

const said = (note: string | null, label: string) => (note ? `${label}：${note}` : '');

const RULES: Record<OpinionEvent, { to: OpinionAudience; title: string; body: (f: OpinionNoticeFacts) => string }> = {
  submitted: { to: 'staff', title: '新的社情民意信息', body: (f) => `社情民意信息“${f.title}”已报送，请审核。` },
  accepted: {
    to: 'contributors',
    title: '您的社情民意信息已采用编报',
    body: (f) => `社情民意信息“${f.title}”已采用编报。${said(f.note, '说明')}`,
  },
  archived: {
    to: 'contributors',
    title: '您的社情民意信息已存档',
    body: (f) => `社情民意信息“${f.title}”经审核未采用，已存档。${said(f.note, '理由')}`,
  },
  returned: {
    to: 'contributors',
    title: '您的社情民意信息被退回修改',
    body: (f) => `社情民意信息“${f.title}”被退回修改，请修改后重新报送。${said(f.note, '修改意见')}`,
  },
  converted: {
    to: 'contributors',
    title: '您的提案已转为社情民意信息',
    body: (f) => `提案“${f.title}”经审查转为社情民意信息，将按社情民意信息审核编报。${said(f.note, '说明')}`,
  },
  merged: {
    to: 'contributors',
    title: '您的社情民意信息已合并为综合信息',
    body: (f) => `社情民意信息“${f.title}”已与其他信息合并为综合信息${f.note ? `“${f.note}”` : ''}，您的署名保留。`,
  },
  issued: {
    to: 'contributors',
    title: '您的社情民意信息已编入《社情民意》',
    body: (f) => `社情民意信息“${f.title}”已编入《社情民意》${f.note ?? ''}，签发报送。`,
  },
  instructed: {
    to: 'contributors',
    title: '您的社情民意信息获领导批示',
    body: (f) => `编入社情民意信息“${f.title}”的一期获领导批示。${f.note ?? ''}`,
  },
  instruction_done: {
    to: 'contributors',
    title: '领导批示交办事项已办结',
    body: (f) => `就社情民意信息“${f.title}”的领导批示交办的事项已办结。${f.note ?? ''}`,
  },
};

export function opinionNotices(event: OpinionEvent, f: OpinionNoticeFacts): Notice<OpinionAudience>[] {
  const rule = RULES[event];
  return [
    {
      to: rule.to,
      message: {
        kind: `opinion.${event}`,
        title: rule.title,
        body: rule.body(f),
        link: `/opinions/${f.id}`,
        dedupeKey: `opinion:${f.id}:${event}:${f.occasion ?? `v${f.version}`}`,
      },
    },
  ];
}
