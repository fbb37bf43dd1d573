import { ApiProperty } from '@nestjs/swagger';
import { RefView } from '../../common/dto-fields';
import { nullableString, nullableTime } from '../../common/openapi';
import { OrganizerView, UserRef } from '../../topics/dto/topic-view.dto';
import { MEETING_KINDS } from '../../topics/meeting.entities';
import { TOPIC_STATUSES } from '../../topics/topic-workflow';
import { TOPIC_LEVELS } from '../../topics/topic.entities';
import { ITEM_STATES } from '../plan-rules';
import { PLAN_SCOPES, PLAN_STATUSES } from '../plan.entities';

export class PlanScopeView {
  @ApiProperty({ enum: PLAN_SCOPES })
  type!: string;

  @ApiProperty({ example: '全委' })
  typeLabel!: string;

  @ApiProperty({ description: '全委为 0' })
  id!: number;

  @ApiProperty({ example: '政协全委' })
  name!: string;
}

export class PlanTopicRef {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: TOPIC_STATUSES })
  status!: string;

  @ApiProperty({ example: '议题中' })
  statusLabel!: string;
}

export class PlanItemView {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  planId!: number;

  @ApiProperty()
  position!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty(nullableString)
  notes!: string | null;

  @ApiProperty({ enum: MEETING_KINDS })
  form!: string;

  @ApiProperty({ example: '专题协商' })
  formLabel!: string;

  @ApiProperty({ type: OrganizerView })
  organizer!: OrganizerView;

  @ApiProperty({ enum: TOPIC_LEVELS })
  level!: string;

  @ApiProperty({ example: '市' })
  levelLabel!: string;

  @ApiProperty({ minimum: 1, maximum: 4 })
  quarter!: number;

  @ApiProperty({ example: '第二季度' })
  quarterLabel!: string;

  @ApiProperty({ type: RefView, nullable: true, description: '牵头单位' })
  leadUnit!: RefView | null;

  @ApiProperty({ type: PlanTopicRef, nullable: true, description: '启动后的协商议题及其所处步骤' })
  topic!: PlanTopicRef | null;

  @ApiProperty({ enum: ITEM_STATES })
  state!: string;

  @ApiProperty({ example: '进行中' })
  stateLabel!: string;

  @ApiProperty({ description: '所列季度已过而未完成' })
  overdue!: boolean;

  @ApiProperty(nullableTime)
  startedAt!: string | null;

  @ApiProperty()
  version!: number;
}

export class PlanProgressView {
  @ApiProperty()
  total!: number;

  @ApiProperty({ description: '未启动' })
  notStarted!: number;

  @ApiProperty({ description: '进行中' })
  underWay!: number;

  @ApiProperty({ description: '已完成（已解题或已评题）' })
  done!: number;

  @ApiProperty({ description: '所列季度已过而未完成' })
  overdue!: number;

  @ApiProperty({ description: '完成比例 0–1' })
  doneRate!: number;
}

export class PlanSummaryView {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  year!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: PlanScopeView })
  scope!: PlanScopeView;

  @ApiProperty({ enum: PLAN_STATUSES })
  status!: string;

  @ApiProperty({ example: '已批准' })
  statusLabel!: string;

  @ApiProperty(nullableString)
  note!: string | null;

  @ApiProperty(nullableTime)
  approvedAt!: string | null;

  @ApiProperty({ type: UserRef, nullable: true })
  approvedBy!: UserRef | null;

  @ApiProperty({ type: PlanProgressView })
  progress!: PlanProgressView;

  @ApiProperty()
  version!: number;
}

export class PlanView extends PlanSummaryView {
  @ApiProperty({ type: [PlanItemView], description: '按季度、序号排列' })
  items!: PlanItemView[];
}
