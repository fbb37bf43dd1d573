import { ApiProperty } from '@nestjs/swagger';
import { WorkflowHistoryView } from '../../audit/history-view.dto';
import { RefView } from '../../common/dto-fields';
import { nullableInt, nullableString, nullableTime } from '../../common/openapi';
import { OUTCOME_KINDS } from '../outcome.entities';
import { OUTCOME_STATUSES, PROMISE_CLOCKS, TOPIC_STATUSES } from '../topic-workflow';
import { ORGANIZER_TYPES, TOPIC_LEVELS, TOPIC_SOURCES } from '../topic.entities';
import { MeetingSummaryView, TopicRef } from './meeting-view.dto';

export * from './meeting-view.dto';

/* What readers see of topics and outcomes. Every enumeration comes with its Chinese label. */

export class UserRef {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  displayName!: string;
}

export class OrganizerView {
  @ApiProperty({ enum: ORGANIZER_TYPES })
  type!: string;

  @ApiProperty({ example: '协商议事点' })
  typeLabel!: string;

  @ApiProperty()
  id!: number;

  @ApiProperty({ example: '金塔社区协商议事室' })
  name!: string;
}

/** A response promise's clocks (the "252" rule), started at 出题. */
export class PromiseView {
  @ApiProperty({ example: '252' })
  policy!: string;

  @ApiProperty({ example: '“252”工作法：2分钟内回应、5分钟内答复、2天内解决' })
  policyLabel!: string;

  @ApiProperty({ ...nullableTime, description: '回应时限' })
  acknowledgeBy!: string | null;

  @ApiProperty({ ...nullableTime, description: '答复时限' })
  answerBy!: string | null;

  @ApiProperty({ ...nullableTime, description: '解决时限（解题即解决）' })
  solveBy!: string | null;

  @ApiProperty(nullableTime)
  acknowledgedAt!: string | null;

  @ApiProperty(nullableTime)
  answeredAt!: string | null;

  @ApiProperty({ ...nullableString, description: '答复内容' })
  answer!: string | null;

  @ApiProperty({ ...nullableTime, description: '解题（进入“解题中”）的时间' })
  solvedAt!: string | null;

  @ApiProperty({
    enum: PROMISE_CLOCKS,
    isArray: true,
    description: '超时的时限：acknowledge 回应、answer 答复、solve 解决',
    example: ['acknowledge'],
  })
  breached!: string[];

  @ApiProperty({ type: [String], example: ['回应超时'] })
  breachedLabels!: string[];
}

/** A topic in a list. */
export class TopicSummaryView {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: TOPIC_LEVELS })
  level!: string;

  @ApiProperty({ example: '社区' })
  levelLabel!: string;

  @ApiProperty({ enum: TOPIC_SOURCES })
  source!: string;

  @ApiProperty({ example: '群众' })
  sourceLabel!: string;

  @ApiProperty({ type: OrganizerView })
  organizer!: OrganizerView;

  @ApiProperty({ type: UserRef, description: '出题人' })
  raisedBy!: UserRef;

  @ApiProperty({ enum: TOPIC_STATUSES })
  status!: string;

  @ApiProperty({ example: '议题中' })
  statusLabel!: string;

  @ApiProperty({ ...nullableString, example: '252' })
  responsePolicy!: string | null;

  @ApiProperty(nullableString)
  responsePolicyLabel!: string | null;

  @ApiProperty({ type: PromiseView, nullable: true, description: '响应承诺的时限与超时情况；没有响应承诺时为 null' })
  promise!: PromiseView | null;

  @ApiProperty({ description: '协商成果已公开' })
  published!: boolean;

  @ApiProperty(nullableTime)
  publishedAt!: string | null;

  @ApiProperty()
  meetingCount!: number;

  @ApiProperty()
  outcomeCount!: number;

  @ApiProperty({ ...nullableInt, description: '采纳率 = 已落实 / 全部成果；没有成果时为 null', example: 0.7222 })
  adoptionRate!: number | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ description: '版本号：操作时原样带回，过期则 409' })
  version!: number;
}

export class OutcomeFeedbackView {
  @ApiProperty({ type: UserRef })
  by!: UserRef;

  @ApiProperty({ ...nullableString, enum: OUTCOME_STATUSES, description: '状态有变化时：原状态' })
  fromStatus!: string | null;

  @ApiProperty({ ...nullableString, enum: OUTCOME_STATUSES, description: '状态有变化时：新状态' })
  toStatus!: string | null;

  @ApiProperty(nullableString)
  toStatusLabel!: string | null;

  @ApiProperty(nullableString)
  text!: string | null;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class OutcomeView {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  topicId!: number;

  @ApiProperty({ enum: OUTCOME_KINDS })
  kind!: string;

  @ApiProperty({ example: '意见建议' })
  kindLabel!: string;

  @ApiProperty({ ...nullableString, example: '加强领导，高位推动' })
  theme!: string | null;

  @ApiProperty({ description: '主题的次序（从 1 起）' })
  themeOrder!: number;

  @ApiProperty({ description: '成果在议题中的序号（从 1 起）' })
  order!: number;

  @ApiProperty()
  text!: string;

  @ApiProperty({ type: RefView, nullable: true, description: '责任单位' })
  unit!: RefView | null;

  @ApiProperty(nullableTime)
  dueAt!: string | null;

  @ApiProperty({ enum: OUTCOME_STATUSES })
  status!: string;

  @ApiProperty({ example: '已落实' })
  statusLabel!: string;

  @ApiProperty(nullableTime)
  closedAt!: string | null;

  @ApiProperty({ description: '已超期：过了办理期限仍待办理或办理中（由期限扫描标记）' })
  overdue!: boolean;

  @ApiProperty({ ...nullableTime, description: '标记超期的时间；办结后仍保留' })
  overdueAt!: string | null;

  @ApiProperty({ type: [OutcomeFeedbackView], description: '办理反馈，先后为序' })
  feedback!: OutcomeFeedbackView[];

  @ApiProperty()
  version!: number;
}

/** The topic an outcome in a list belongs to, with its organiser. */
export class OutcomeTopicRef extends TopicRef {
  @ApiProperty({ type: OrganizerView })
  organizer!: OrganizerView;
}

/** An outcome in the outcomes list, with the topic it belongs to. */
export class OutcomeListItem extends OutcomeView {
  @ApiProperty({ type: OutcomeTopicRef })
  topic!: OutcomeTopicRef;
}

export class OutcomeThemeView {
  @ApiProperty({ ...nullableString, description: '主题；未归入主题的成果为 null' })
  theme!: string | null;

  @ApiProperty()
  themeOrder!: number;

  @ApiProperty({ type: [OutcomeView] })
  outcomes!: OutcomeView[];
}

export class OutcomeCountsView {
  @ApiProperty()
  open!: number;

  @ApiProperty()
  inProgress!: number;

  @ApiProperty()
  done!: number;

  @ApiProperty()
  notAdopted!: number;
}

export class EvaluationView {
  @ApiProperty({ type: UserRef })
  by!: UserRef;

  @ApiProperty({ minimum: 1, maximum: 5 })
  score!: number;

  @ApiProperty(nullableString)
  comment!: string | null;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

/** The 年度协商计划 item a topic was started from. */
export class TopicPlanItemRef {
  @ApiProperty({ description: '计划事项编号' })
  id!: number;

  @ApiProperty()
  planId!: number;

  @ApiProperty({ example: 2026 })
  year!: number;

  @ApiProperty({ minimum: 1, maximum: 4 })
  quarter!: number;
}

/** A topic with its meetings, its outcomes (also grouped by theme, in order) and its evaluations. */
export class TopicView extends TopicSummaryView {
  @ApiProperty()
  description!: string;

  @ApiProperty({ ...nullableString, description: '不予定题的理由' })
  declineReason!: string | null;

  @ApiProperty(nullableTime)
  settledAt!: string | null;

  @ApiProperty(nullableTime)
  resolvedAt!: string | null;

  @ApiProperty(nullableTime)
  evaluatedAt!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: '由哪次视察调研提出（来源为视察调研时）' })
  visitId!: number | null;

  @ApiProperty({ type: [MeetingSummaryView], description: '协商会，第1次起' })
  meetings!: MeetingSummaryView[];

  @ApiProperty({ type: [OutcomeView], description: '协商成果：按主题、序号排列' })
  outcomes!: OutcomeView[];

  @ApiProperty({ type: [OutcomeThemeView], description: '协商成果按主题分组' })
  outcomesByTheme!: OutcomeThemeView[];

  @ApiProperty({ type: OutcomeCountsView })
  outcomeCounts!: OutcomeCountsView;

  @ApiProperty()
  evaluationCount!: number;

  @ApiProperty({ ...nullableInt, description: '平均评分；没有评价时为 null' })
  averageScore!: number | null;

  @ApiProperty({ type: [EvaluationView], description: '各人的评价：组织方、工作人员和领导可见，其他人为空' })
  evaluations!: EvaluationView[];

  @ApiProperty({ type: TopicPlanItemRef, nullable: true, description: '由年度协商计划事项启动时，该事项' })
  planItem!: TopicPlanItemRef | null;
}

export class TopicHistoryItem extends WorkflowHistoryView(TOPIC_STATUSES, { action: 'settle', actionLabel: '定题' }) {}
