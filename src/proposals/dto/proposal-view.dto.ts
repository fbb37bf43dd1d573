import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WorkflowHistoryView } from '../../audit/history-view.dto';
import { RefView } from '../../common/dto-fields';
import { nullableString, nullableTime } from '../../common/openapi';
import { AttachmentRef } from '../../files/attachment.dto';
import { PROPOSAL_STATUSES, ProposalStatus } from '../proposal-workflow';
import { PROPOSAL_KINDS, ProposalKind } from '../proposal.entities';
import {
  CoOpinionView,
  CommunicationView,
  EvaluationView,
  ExtensionView,
  PersonRef,
  ProposalRef,
  ReplyView,
  SignerView,
  UnitPartView,
} from './proposal-parts.dto';

export * from './proposal-parts.dto';

/** A proposal in a list. */
export class ProposalSummaryView {
  @ApiProperty()
  id!: number;

  @ApiProperty({ type: RefView, description: '会次' })
  session!: RefView;

  @ApiProperty({ type: Number, nullable: true, description: '立案编号（会次内）' })
  number!: number | null;

  @ApiProperty({ ...nullableString, example: '十二届二次会议 第0045号' })
  numberLabel!: string | null;

  @ApiProperty({ enum: PROPOSAL_KINDS })
  kind!: ProposalKind;

  @ApiProperty({ example: '联名提案' })
  kindLabel!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  category!: string;

  @ApiProperty({ example: '经济建设' })
  categoryLabel!: string;

  @ApiProperty({ enum: PROPOSAL_STATUSES })
  status!: ProposalStatus;

  @ApiProperty({ example: '已立案' })
  statusLabel!: string;

  @ApiProperty({ description: '大会提案（否则为平时提案）' })
  plenary!: boolean;

  @ApiProperty({ example: '大会提案' })
  plenaryLabel!: string;

  @ApiProperty({ type: RefView, nullable: true, description: '领衔人' })
  leadMember!: RefView | null;

  @ApiProperty({ ...nullableString, description: '界别、专委会、党派团体提案的提案单位' })
  groupName!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  sectorId!: number | null;

  @ApiProperty({ ...nullableString, enum: ['lead', 'split'] })
  handlingMode!: string | null;

  @ApiProperty(nullableString)
  handlingModeLabel!: string | null;

  @ApiProperty({ type: RefView, nullable: true, description: '主办单位' })
  leadUnit!: RefView | null;

  @ApiProperty({ type: [RefView], description: '会办单位' })
  coUnits!: RefView[];

  @ApiProperty({ type: [RefView], description: '分办单位' })
  splitUnits!: RefView[];

  @ApiProperty({ ...nullableTime, description: '办理期限' })
  deadline!: string | null;

  @ApiProperty({ description: '逾期：办理期限已过仍未答复' })
  overdue!: boolean;

  @ApiProperty({ description: '未评价：答复后规定工作日内未评价，已由系统办结' })
  notEvaluated!: boolean;

  @ApiProperty({ description: '催办次数' })
  chaseCount!: number;

  @ApiProperty({ ...nullableTime, description: '最近一次催办时间' })
  lastChasedAt!: string | null;

  @ApiProperty({ description: '重点提案' })
  key!: boolean;

  @ApiProperty({ description: '优秀提案' })
  excellent!: boolean;

  @ApiProperty({ description: '重新办理次数' })
  rehandleCount!: number;

  @ApiProperty()
  agreeToPublish!: boolean;

  @ApiProperty(nullableTime)
  submittedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ description: '版本号：操作时原样带回，过期则 409' })
  version!: number;
}

/** One proposal with everything its reader may see. */
export class ProposalView extends ProposalSummaryView {
  @ApiProperty()
  background!: string;

  @ApiProperty({ type: [String] })
  suggestions!: string[];

  @ApiProperty({ type: [AttachmentRef], description: '附件' })
  attachments!: AttachmentRef[];

  @ApiProperty({ type: [SignerView] })
  signers!: SignerView[];

  @ApiProperty({ type: [UnitPartView], description: '当前交办的各单位' })
  units!: UnitPartView[];

  @ApiProperty({ type: Number, nullable: true })
  committeeId!: number | null;

  @ApiProperty({ ...nullableString, description: '不予立案理由类别' })
  reviewGround!: string | null;

  @ApiProperty(nullableString)
  reviewGroundLabel!: string | null;

  @ApiProperty({ ...nullableString, description: '审查说明' })
  reviewReason!: string | null;

  @ApiProperty({ type: ProposalRef, nullable: true, description: '并入的提案' })
  mergedInto!: ProposalRef | null;

  @ApiProperty({ type: [ProposalRef], description: '并入本提案的提案' })
  mergedFrom!: ProposalRef[];

  @ApiProperty({ type: PersonRef, nullable: true, description: '督办领导' })
  supervisor!: PersonRef | null;

  @ApiProperty({ description: '本轮之前已延期的月数' })
  extensionMonths!: number;

  @ApiProperty({ type: ReplyView, nullable: true, description: '最近一次答复（主办单位的，分办时为最近的一份）' })
  reply!: ReplyView | null;

  @ApiProperty({ type: [ReplyView] })
  replies!: ReplyView[];

  @ApiProperty({ type: EvaluationView, nullable: true, description: '最近一次评价' })
  evaluation!: EvaluationView | null;

  @ApiProperty({
    ...nullableString,
    example: '满意',
    description: '评价结果：最近一次评价，或“未评价”（notEvaluated）',
  })
  evaluationLabel!: string | null;

  @ApiProperty({ type: [EvaluationView] })
  evaluations!: EvaluationView[];

  @ApiProperty({ type: [CommunicationView] })
  communications!: CommunicationView[];

  @ApiProperty({ type: [CoOpinionView] })
  coOpinions!: CoOpinionView[];

  @ApiProperty({ type: [ExtensionView] })
  extensions!: ExtensionView[];

  @ApiProperty(nullableTime)
  reviewedAt!: string | null;

  @ApiProperty(nullableTime)
  assignedAt!: string | null;

  @ApiProperty(nullableTime)
  repliedAt!: string | null;

  @ApiProperty(nullableTime)
  completedAt!: string | null;

  @ApiProperty(nullableTime)
  withdrawnAt!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: '据以起草的视察调研' })
  visitId!: number | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export { HistoryActor } from '../../audit/history-view.dto';

export class ProposalHistoryItem extends WorkflowHistoryView(PROPOSAL_STATUSES, {
  action: 'accept',
  actionLabel: '立案',
}) {}

/** One of the most similar earlier proposals, for staff deciding on 并案. */
export class SimilarProposalView {
  @ApiProperty()
  id!: number;

  @ApiProperty({ example: '关于加快发展家政服务业的建议' })
  title!: string;

  @ApiProperty({ description: '相似度，0–1，越大越相似', example: 0.82 })
  score!: number;

  @ApiProperty({ example: 'accepted' })
  status!: string;

  @ApiProperty({ example: '已立案' })
  statusLabel!: string;

  @ApiPropertyOptional({ example: '五届五次会议 第0045号', nullable: true })
  numberLabel!: string | null;
}
