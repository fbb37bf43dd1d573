import { chineseDate } from '../common/chinese-dates';
import type { Notice } from '../notifications/notifications.service';
import type { ProposalEvent, ProposalEventType } from './proposal-event';

/*
 * Who hears of what happens to a proposal, and in which words: the one table of the in-app notices
 * (消息) of the proposal workflow and its deadline jobs. Pure, so each rule is unit-tested;
 * `ProposalNotifier` gathers the facts, finds the accounts of each audience, leaves out the actor and
 * writes the messages in the step's transaction (the one design of topic- and visit-notices too).
 */

/**
 * proposers: 领衔人, confirmed 附议人 and merged-in proposers (the filing staff account of a group proposal);
 * invited: the co-signers the event names; units: the units the event names; staff: every staff account.
 */
export type Audience = 'proposers' | 'invited' | 'units' | 'staff';

export interface ProposalRef {
  id: number;
  title: string;
  numberLabel: string | null;
}

/** What the messages say, loaded by ProposalNotifier. */
export interface NoticeFacts extends ProposalRef {
  deadline: Date | null;
  rehandleCount: number;
  /** The current assignment, in order: 市住建局（主办）… */
  assignment: { name: string; roleLabel: string }[];
  /** The names of the event's units. */
  unitNames: string[];
  /** replied: the class of the unit's reply, `B（列入计划拟解决或正在解决）`. */
  classification: string | null;
  /** merged: the proposal it went into. */
  mergedInto: ProposalRef | null;
  timeZone: string;
  coSignDays: number;
  evaluationWorkingDays: number;
}

interface Rule {
  to: Audience;
  title: string;
  body: (f: NoticeFacts, e: ProposalEvent) => string;
  /** Only some events of the type, e.g. the merged proposal's own (not its target's). */
  when?: (e: ProposalEvent) => boolean;
  /** The deadline the notice is about (within 3 days it goes by SMS by default, notice-categories.ts). */
  due?: (f: NoticeFacts, e: ProposalEvent) => Date | null;
}

const replyDue = (f: NoticeFacts) => f.deadline;

/** 十二届二次会议 第0045号提案“关于…的建议”, or 提案“…” before it has a number. */
const named = (p: ProposalRef) => `${p.numberLabel ?? ''}提案“${p.title}”`;
const day = (f: NoticeFacts) => chineseDate(f.deadline, f.timeZone);
const reason = (e: ProposalEvent, label: string) => (e.note ? `，${label}：${e.note}` : '');
const units = (f: NoticeFacts) => f.assignment.map((u) => `${u.name}（${u.roleLabel}）`).join('、');

const RULES: Partial<Record<ProposalEventType, Rule[]>> = {
  'proposal.cosign_invited': [
    {
      to: 'invited',
      title: '附议邀请',
      body: (f) => `${named(f)}邀请您作为附议人，请在 ${f.coSignDays} 天内确认附议。`,
      due: (f, e) => new Date(e.at.getTime() + f.coSignDays * 86400_000),
    },
  ],
  'proposal.cosign_declined': [
    {
      to: 'proposers',
      title: '附议邀请被谢绝',
      body: (f, e) =>
        `${e.note ?? '一位委员'}谢绝附议${named(f)}。如需附议人，请修改提案另行邀请；没有附议人的提案按个人提案提交。`,
    },
  ],
  'proposal.accepted': [
    { to: 'proposers', title: '您的提案已立案', body: (f) => `提案“${f.title}”已立案，编号为${f.numberLabel}。` },
  ],
  'proposal.rejected': [
    {
      to: 'proposers',
      title: '您的提案不予立案',
      body: (f, e) => `提案“${f.title}”经审查不予立案${reason(e, '理由')}。`,
    },
  ],
  'proposal.converted': [
    {
      to: 'proposers',
      title: '您的提案已转为意见建议',
      body: (f, e) => `提案“${f.title}”经审查转为意见建议办理${reason(e, '说明')}。`,
    },
  ],
  'proposal.merged': [
    {
      to: 'proposers',
      title: '您的提案已并案',
      when: (e) => e.to === 'merged',
      body: (f) => `提案“${f.title}”已并入${f.mergedInto ? named(f.mergedInto) : '其他提案'}一并办理。`,
    },
  ],
  'proposal.assigned': [
    { to: 'proposers', title: '您的提案已交办', body: (f) => `${named(f)}已交${units(f)}办理，办理期限至${day(f)}。` },
    {
      to: 'units',
      title: '新交办的提案',
      body: (f) => `${named(f)}已交办，承办单位：${units(f)}，办理期限至${day(f)}。请及时与提案人沟通。`,
    },
  ],
  'proposal.returned': [
    {
      to: 'staff',
      title: '提案被退回',
      body: (f, e) => `${f.unitNames.join('、')}退回了${named(f)}${reason(e, '理由')}。请重新交办。`,
    },
  ],
  'proposal.replied': [
    {
      to: 'proposers',
      title: '您的提案已答复',
      body: (f, e) =>
        `${f.unitNames.join('、')}已答复${named(f)}，答复分类：${f.classification}。` +
        (e.to === 'replied' ? `请在 ${f.evaluationWorkingDays} 个工作日内评价办理结果。` : ''),
    },
  ],
  'proposal.rehandling': [
    {
      to: 'units',
      title: '提案需重新办理',
      body: (f) => `${named(f)}的办理结果被评价为不满意，请重新办理，办理期限至${day(f)}。`,
    },
    {
      to: 'staff',
      title: '提案办理结果不满意',
      body: (f, e) =>
        `${named(f)}的办理结果被评价为不满意${reason(e, '意见')}，已交承办单位重新办理（第 ${f.rehandleCount} 次）。`,
    },
  ],
  'proposal.chased': [
    {
      to: 'units',
      title: '提案催办',
      body: (f, e) => `请抓紧办理${named(f)}并及时答复，办理期限至${day(f)}${reason(e, '催办说明')}。`,
      due: replyDue,
    },
  ],
  'proposal.reminded': [
    {
      to: 'units',
      title: '提案即将到期',
      due: replyDue,
      body: (f, e) =>
        `${named(f)}的办理期限至${day(f)}，${e.daysLeft ? `还有 ${e.daysLeft} 天` : '今天到期'}，请按时答复。`,
    },
  ],
  'proposal.overdue': [
    {
      to: 'units',
      title: '提案办理已逾期',
      body: (f) => `${named(f)}的办理期限（${day(f)}）已过，尚未答复，请尽快答复。`,
    },
    {
      to: 'staff',
      title: '提案逾期未答复',
      body: (f) => `${named(f)}的办理期限（${day(f)}）已过，${f.unitNames.join('、')}尚未答复。`,
    },
  ],
  'proposal.evaluation_expired': [
    {
      to: 'proposers',
      title: '提案已按未评价办结',
      body: (f) => `${named(f)}答复后 ${f.evaluationWorkingDays} 个工作日内未评价，已按“未评价”办结。`,
    },
  ],
};

/** Whether the event type notifies anyone (so facts are loaded only when needed). */
export const hasNotices = (type: ProposalEventType): boolean => RULES[type] !== undefined;

/**
 * The notices of one event. The dedupe key names the proposal, the event and its occurrence (the
 * proposal's version after a step, or the deadline job's own key), so a re-run notifies nobody twice.
 */
export function noticesFor(event: ProposalEvent, facts: NoticeFacts): Notice<Audience>[] {
  const occurrence = event.occurrence ?? (event.version !== undefined ? `v${event.version}` : `t${event.at.getTime()}`);
  const what = event.type.replace(/^proposal\./, '');
  return (RULES[event.type] ?? [])
    .filter((rule) => !rule.when || rule.when(event))
    .map((rule) => ({
      to: rule.to,
      message: {
        kind: event.type,
        title: rule.title,
        body: rule.body(facts, event),
        link: `/proposals/${facts.id}`,
        dedupeKey: `proposal:${facts.id}:${what}:${occurrence}`,
        ...(rule.due ? { dueAt: rule.due(facts, event) } : {}),
      },
    }));
}
