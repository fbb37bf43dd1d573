import { Actor, hasRole } from '../../common/actor';
import { chineseShortDate } from '../../common/chinese-dates';
import { NAV, NavKey, navAccess } from '../kit/layout';

/** A card of the home page: a menu entry the person may reach, with a line on what it is for. */
export interface HomeCard {
  href: string;
  label: string;
  text: string;
}

/** What each menu entry offers, in a line; an entry the role cannot reach is never shown (the cards follow `navAccess`). */
const TEXTS: Partial<Record<NavKey, string | ((actor: Actor) => string)>> = {
  myProposals: '起草和提交提案，确认或谢绝附议，查看办理进度和答复，评价办理结果。',
  review: '审查提交的提案，立案后交办承办单位，审批延期申请。',
  assignments: '交办给本单位的提案：沟通协商、答复，以及办理期限。',
  keyProposals: '您督办的重点提案和它们的办理情况。',
  proposals: '按会次、类别、界别、承办单位、状态查找提案，导出台账。',
  overdue: '超过办理期限仍未答复的提案，逐件催办。',
  proposalStats: '各会次的立案、答复、办结和满意率。',
  myOpinions: '报送社情民意信息（可联名），查看审核结果和修改意见。',
  opinions: '审核社情民意信息：采用编报、存档或退回修改，对照相似信息和提案。',
  opinionInformants: '聘任社情民意信息员，查看每人本月和全年的报送是否达到定额。',
  topics: (actor) =>
    hasRole(actor, 'staff', 'facilitator')
      ? '按出题、定题、议题、解题、评题推进协商议题，安排协商会，跟踪协商成果的落实。'
      : hasRole(actor, 'leader')
        ? '按出题、定题、议题、解题、评题查看全部协商议题和协商成果的落实。'
        : '按出题、定题、议题、解题、评题查看您参与的协商议题和协商成果。',
  outcomes: '由本单位落实的协商成果：反馈办理情况。',
  instructionItems: '领导批示交办的事项：报告办理情况，工作人员确认办结。',
  myRecord: '本年度的履职情况和积分明细。',
  dashboard: '本年度提案、协商、视察调研的主要数字。',
  records: '委员的履职积分和排名。',
  drafts: '发布征求意见稿，收集和汇总意见，修改定稿。',
  schedule: '视察调研邀请、协商会和日历订阅。',
  visits: '安排视察调研，邀请委员，记录发现的问题和照片。',
  plans: '年度协商计划和其中议题的进展。',
  reportInbox: '送达您的报告和协商要报。',
  reports: (actor) =>
    hasRole(actor, 'staff')
      ? '生成报告和协商要报，提交签发，送达领导。'
      : hasRole(actor, 'leader')
        ? '查看报告，签发提交给您的文稿。'
        : '生成和查看您的报告。',
  directory: '维护委员、界别、专委会、承办单位、协商议事点和会次。',
  users: '开设账号、分配角色、停用账号、重置密码。',
  audit: '查看谁在何时修改了什么。',
  securityEvents: '查看登录、登录失败、账号锁定和被拒绝的访问。',
  account: '定期修改密码，保护您的账号。',
};

/** The cards of the menu entries the person may reach, in the menu's order (首页 and 消息 are not cards). */
export function homeCards(actor: Actor): HomeCard[] {
  const can = navAccess(actor);
  return NAV.filter((e) => can[e.key] && TEXTS[e.key] !== undefined).map((e) => {
    const text = TEXTS[e.key]!;
    return { href: e.href, label: e.label, text: typeof text === 'function' ? text(actor) : text };
  });
}

/**
 * The date beside a 待办 line: 「最早 11月30日」 for the longest-waiting of things past (submitted, due and missed),
 * 「最近 12月9日」 for the nearest of things to come (this week's meetings, deadlines still ahead).
 */
export function todoSince(oldest: string | null, now: Date, timeZone: string): string {
  if (!oldest) return '';
  return `${new Date(oldest) > now ? '最近' : '最早'} ${chineseShortDate(oldest, now, timeZone)}`;
}
