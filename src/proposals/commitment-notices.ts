import { chineseDate } from '../common/chinese-dates';
import type { Notice } from '../notifications/notifications.service';
import { dayStart } from './commitment-rules';

/*
 * Who hears of a commitment's steps (回头看), and in which words: pure, like proposal-notices.ts. The unit is told
 * when a commitment falls due; the proposers when the unit reports; the unit and staff when the proposer judges.
 */

export type CommitmentAudience = 'proposers' | 'unit' | 'staff';
export type CommitmentEventType = 'commitment.reported' | 'commitment.judged' | 'commitment.due';

export interface CommitmentNoticeFacts {
  id: number;
  proposalId: number;
  /** 十二届二次会议 第0045号提案“关于…的建议” */
  proposalName: string;
  unitName: string;
  text: string;
  dueDate: string;
  timeZone: string;
  /** The commitment's version after the step (or the due day for the sweep's notice): one step, one notice. */
  occurrence: string;
  kept?: boolean;
  comment?: string | null;
}

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}……` : text);
const due = (f: CommitmentNoticeFacts) => chineseDate(dayStart(f.dueDate), f.timeZone);

const RULES: Record<
  CommitmentEventType,
  { to: CommitmentAudience; title: string; body: (f: CommitmentNoticeFacts) => string }[]
> = {
  'commitment.reported': [
    {
      to: 'proposers',
      title: '承诺事项已报告落实情况',
      body: (f) =>
        `${f.unitName}报告了${f.proposalName}答复中承诺事项“${short(f.text)}”的落实情况，请评判承诺是否兑现。`,
    },
  ],
  'commitment.judged': [
    {
      to: 'unit',
      title: '提案人已评判承诺事项',
      body: (f) =>
        `提案人认为${f.proposalName}答复中的承诺事项“${short(f.text)}”${f.kept ? '已兑现' : '未兑现'}` +
        `${f.comment ? `，意见：${f.comment}` : ''}。`,
    },
  ],
  'commitment.due': [
    {
      to: 'unit',
      title: '承诺事项已到期',
      body: (f) => `${f.proposalName}答复中的承诺事项“${short(f.text)}”完成期限为${due(f)}，已到期，请报告落实情况。`,
    },
  ],
};

export function commitmentNotices(type: CommitmentEventType, f: CommitmentNoticeFacts): Notice<CommitmentAudience>[] {
  const what = type.replace(/^commitment\./, '');
  return RULES[type].map((rule) => ({
    to: rule.to,
    message: {
      kind: type,
      title: rule.title,
      body: rule.body(f),
      link: `/proposals/${f.proposalId}`,
      dedupeKey: `commitment:${f.id}:${what}:${f.occurrence}`,
    },
  }));
}
