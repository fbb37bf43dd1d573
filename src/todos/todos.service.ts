import { Injectable } from '@nestjs/common';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { Role, ROLE_LABELS, ROLES } from '../common/roles';
import { Tally } from '../database/tally';
import { DraftsQuery } from '../drafts/drafts-query';
import { DraftQuery } from '../drafts/dto/draft.dto';
import { InstructionsService } from '../instructions/instructions.service';
import { NotificationsService } from '../notifications/notifications.service';
import { CommitmentsService } from '../proposals/commitments.service';
import { ProposalTodos } from '../proposals/proposal-todos';
import { ReportTodos } from '../reports/report-todos';
import { OutcomeQuery } from '../topics/dto/outcome.dto';
import { TopicQuery } from '../topics/dto/topic.dto';
import { OutcomesQuery } from '../topics/outcomes-query';
import { TopicsQuery } from '../topics/topics-query';
import { VisitsService } from '../visits/visits.service';
import { TodoGroup, TodoItem, TodoList, Urgency, URGENCIES } from './todo.dto';

const DAY_MS = 24 * 3600 * 1000;
/** An assignment whose deadline is this close is 即将到期. */
export const DUE_SOON_DAYS = 7;
/** 本周协商会: the meetings in the next seven days. */
const WEEK_DAYS = 7;
/** 回头看: a unit's commitments due this close are 即将到期. */
export const COMMITMENT_DUE_SOON_DAYS = 30;

/** A line before it is printed: its tally, or null for a plain link (年度概览). */
interface Line {
  key: string;
  label: string;
  tally: Tally | null;
  href: string;
  urgency: Urgency;
}

const line = (key: string, label: string, tally: Tally | null, href: string, urgency: Urgency): Line => ({
  key,
  label,
  tally,
  href,
  urgency,
});

/** The actor as one of their roles: each group counts what that role sees (a facilitator's point, a unit's assignments). */
const as = (actor: Actor, role: Role): Actor => ({ ...actor, roles: [role] });

const topicQuery = (f: Partial<TopicQuery>) => Object.assign(new TopicQuery(), f);
const outcomeQuery = (f: Partial<OutcomeQuery>) => Object.assign(new OutcomeQuery(), f);
const draftQuery = (f: Partial<DraftQuery>) => Object.assign(new DraftQuery(), f);

/**
 * 待办: what waits on the signed-in person, one group per role they hold, each line a count, the earliest date and
 * the page that lists them. The counts are the journeys' own queries, scoped as the lists are for that role, so a
 * line never counts what its page would not show.
 */
@Injectable()
export class TodosService {
  constructor(
    private readonly clock: Clock,
    private readonly proposals: ProposalTodos,
    private readonly topics: TopicsQuery,
    private readonly outcomes: OutcomesQuery,
    private readonly visits: VisitsService,
    private readonly drafts: DraftsQuery,
    private readonly reports: ReportTodos,
    private readonly notifications: NotificationsService,
    private readonly instructions: InstructionsService,
    private readonly commitments: CommitmentsService,
  ) {}

  async forActor(actor: Actor): Promise<TodoList> {
    const groups: TodoGroup[] = [];
    for (const role of ROLES.filter((r) => actor.roles.includes(r))) {
      const items = (await this.linesOf(as(actor, role), role))
        .filter((l) => !l.tally || l.tally.count > 0)
        .map(itemOf);
      if (items.length) groups.push({ role, roleLabel: ROLE_LABELS[role], items: byUrgency(items) });
    }
    const total = groups.flatMap((g) => g.items).reduce((n, i) => n + (i.count ?? 0), 0);
    return { groups, total };
  }

  private linesOf(actor: Actor, role: Role): Promise<Line[]> {
    switch (role) {
      case 'member':
        return this.member(actor);
      case 'unit':
        return this.unit(actor);
      case 'staff':
        return this.staff(actor);
      case 'leader':
        return this.leader(actor);
      case 'facilitator':
        return this.facilitator(actor);
      default:
        return Promise.resolve([]);
    }
  }

  private async member(actor: Actor): Promise<Line[]> {
    if (actor.memberId === null) return [];
    return [
      line('member.visits', '视察调研待答复', await this.visits.pendingAnswers(actor), '/schedule', 'due'),
      line('member.cosign', '附议邀请待确认', await this.proposals.invitations(actor), '/proposals/mine', 'due'),
      line('member.evaluate', '办理答复待评价', await this.proposals.toEvaluate(actor), '/proposals/mine', 'due'),
      line(
        'member.commitments',
        '承诺事项待评判是否兑现',
        await this.commitments.toJudgeTally(actor),
        '/proposals/follow-up?state=reported',
        'due',
      ),
      line(
        'member.drafts',
        '征求意见待提意见',
        await this.drafts.tally(actor, draftQuery({ status: 'open' }), 'openedAt'),
        '/drafts',
        'due',
      ),
      line('member.messages', '未读消息', await this.notifications.unreadTally(actor.id), '/inbox?unread=1', 'normal'),
    ];
  }

  private async unit(actor: Actor): Promise<Line[]> {
    if (actor.unitId === null) return [];
    const a = await this.proposals.assignments(actor, this.clock.now(), DUE_SOON_DAYS * DAY_MS);
    const here = '/proposals/assignments';
    return [
      line('unit.assignments.overdue', '已超期未答复的提案', a.overdue, here, 'overdue'),
      line('unit.assignments.dueSoon', `${DUE_SOON_DAYS}天内到期的提案`, a.dueSoon, here, 'due'),
      line('unit.assignments.later', '办理中的提案', a.later, here, 'normal'),
      line(
        'unit.communications',
        '尚未沟通的提案（答复前须沟通）',
        await this.proposals.withoutCommunication(actor),
        here,
        'due',
      ),
      line(
        'unit.commitments.overdue',
        '已到期未报告落实情况的承诺事项',
        await this.commitments.overdueTally(actor),
        '/proposals/follow-up?state=overdue',
        'overdue',
      ),
      line(
        'unit.commitments.dueSoon',
        `${COMMITMENT_DUE_SOON_DAYS}天内到期的承诺事项`,
        await this.commitments.dueSoonTally(actor, COMMITMENT_DUE_SOON_DAYS),
        '/proposals/follow-up?state=due',
        'due',
      ),
      line(
        'unit.outcomes.overdue',
        '已超期的协商成果',
        await this.outcomes.tally(actor, outcomeQuery({ overdue: true })),
        '/outcomes',
        'overdue',
      ),
      line(
        'unit.outcomes.open',
        '待落实的协商成果',
        await this.outcomes.tally(actor, outcomeQuery({ open: true, overdue: false })),
        '/outcomes',
        'due',
      ),
      ...(await this.instructionLines(actor)),
    ];
  }

  /** 领导批示's 交办事项 of the unit: overdue, due soon, the rest open (returned ones among them). */
  private async instructionLines(actor: Actor): Promise<Line[]> {
    const i = await this.instructions.unitTallies(actor);
    const here = '/instructions/items';
    return [
      line('unit.instructions.overdue', '已超期的批示交办事项', i.overdue, here, 'overdue'),
      line('unit.instructions.dueSoon', `${i.dueSoonDays}天内到期的批示交办事项`, i.dueSoon, here, 'due'),
      line('unit.instructions.later', '办理中的批示交办事项', i.later, here, 'normal'),
    ];
  }

  private async staff(actor: Actor): Promise<Line[]> {
    return [
      ...(await this.reviewDesk(actor)),
      line(
        'staff.proposals.overdue',
        '超期未答复的提案',
        await this.proposals.overdue(actor),
        '/proposals/overdue',
        'overdue',
      ),
      line(
        'staff.outcomes.overdue',
        '已超期的协商成果',
        await this.outcomes.tally(actor, outcomeQuery({ overdue: true })),
        '/topics',
        'overdue',
      ),
      ...(await this.clocks(actor, 'staff')),
      line('staff.signoff', '待签发的文稿', await this.reports.awaitingSignoff(actor), '/reports', 'due'),
      line('staff.undelivered', '已签发未送达的文稿', await this.reports.signedUndelivered(actor), '/reports', 'due'),
      ...(await this.staffInstructionLines(actor)),
    ];
  }

  /** 领导批示's 交办事项: reported by units and waiting on staff, and those overdue. */
  private async staffInstructionLines(actor: Actor): Promise<Line[]> {
    const i = await this.instructions.staffTallies(actor);
    return [
      line(
        'staff.instructions.reported',
        '单位已报告、待确认的批示交办事项',
        i.reported,
        '/instructions/items?status=reported',
        'due',
      ),
      line('staff.instructions.overdue', '已超期的批示交办事项', i.overdue, '/instructions/items?overdue=1', 'overdue'),
    ];
  }

  /** 提案审查's tabs: 待审查, 待交办 (among them the returned ones), 延期申请. */
  private async reviewDesk(actor: Actor): Promise<Line[]> {
    const tab = (name: string) => `/proposals/review?tab=${name}`;
    return [
      line('staff.review', '待审查的提案', await this.proposals.queue(actor, 'submitted'), tab('submitted'), 'due'),
      line('staff.assign', '待交办的提案', await this.proposals.queue(actor, 'accepted'), tab('accepted'), 'due'),
      line('staff.returned', '承办单位退回、待重新交办', await this.proposals.returned(), tab('accepted'), 'due'),
      line('staff.extensions', '待审批的延期申请', await this.proposals.extensions(), tab('extensions'), 'due'),
    ];
  }

  private async leader(actor: Actor): Promise<Line[]> {
    return [
      line('leader.inbox', '未读收文', await this.reports.unreadInbox(actor), '/reports/inbox', 'due'),
      line(
        'leader.key.overdue',
        '超期的重点提案',
        await this.proposals.overdue(actor, true),
        '/proposals/key',
        'overdue',
      ),
      line('leader.signoff', '待签发的文稿', await this.reports.awaitingSignoff(actor), '/reports', 'due'),
      line('leader.dashboard', '年度概览', null, '/dashboard', 'normal'),
    ];
  }

  private async facilitator(actor: Actor): Promise<Line[]> {
    if (actor.pointId === null) return [];
    const now = this.clock.now();
    const steps: Array<[string, TopicQuery['status'], string, Urgency]> = [
      ['raised', 'raised', '已出题、待定题的议题', 'due'],
      ['settled', 'settled', '已定题、待协商的议题', 'due'],
      ['deliberating', 'deliberating', '正在协商的议题', 'normal'],
      ['resolving', 'resolving', '解题中、待评题的议题', 'normal'],
    ];
    const lines: Line[] = [];
    for (const [key, status, label, urgency] of steps)
      lines.push(
        line(
          `facilitator.topics.${key}`,
          label,
          await this.topics.tally(actor, topicQuery({ status }), 'createdAt'),
          '/topics',
          urgency,
        ),
      );
    return [
      ...lines,
      ...(await this.clocks(actor, 'facilitator')),
      line(
        'facilitator.drafts',
        '正在征求意见',
        await this.drafts.tally(actor, draftQuery({ status: 'open' }), 'openedAt'),
        '/drafts',
        'normal',
      ),
      line(
        'facilitator.meetings',
        '本周协商会',
        await this.topics.meetingsBetween(actor, now, new Date(now.getTime() + WEEK_DAYS * DAY_MS)),
        '/topics',
        'normal',
      ),
    ];
  }

  /** “252”: the topics whose promise was missed (响应超时), and the clocks still running. */
  private async clocks(actor: Actor, role: 'staff' | 'facilitator'): Promise<Line[]> {
    return [
      line(
        `${role}.topics.breached`,
        '响应超时的协商议题',
        await this.topics.breaches(actor),
        '/topics?breached=1',
        'overdue',
      ),
      line(`${role}.clocks.running`, '响应时限计时中', await this.topics.runningClocks(actor), '/topics', 'normal'),
    ];
  }
}

function itemOf(l: Line): TodoItem {
  return {
    key: l.key,
    label: l.label,
    count: l.tally ? l.tally.count : null,
    oldest: l.tally?.oldest ? l.tally.oldest.toISOString() : null,
    href: l.href,
    urgency: l.urgency,
  };
}

/** 已超期 first, then 待处理, then the rest, each in its given order. */
function byUrgency(items: TodoItem[]): TodoItem[] {
  return [...items].sort((a, b) => URGENCIES.indexOf(a.urgency) - URGENCIES.indexOf(b.urgency));
}
