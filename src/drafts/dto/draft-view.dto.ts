import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WorkflowHistoryView } from '../../audit/history-view.dto';
import { RefView } from '../../common/dto-fields';
import { nullableString, nullableTime } from '../../common/openapi';
import { OrganizerView, UserRef } from '../../topics/dto/topic-view.dto';
import { DISPOSITIONS, DRAFT_STATUSES } from '../draft-workflow';
import { COMMENT_SOURCES } from '../draft.entities';

/* What readers see of drafts for comment. Every enumeration comes with its Chinese label. */

export class ClauseView {
  @ApiProperty()
  id!: number;

  @ApiProperty({ description: '在本稿中的顺序，从 1 起' })
  position!: number;

  @ApiProperty(nullableString)
  chapter!: string | null;

  @ApiProperty({ example: '第一条' })
  label!: string;

  @ApiProperty()
  text!: string;
}

export class DraftRevisionView {
  @ApiProperty({ description: '稿次：1 为征求意见稿，其后为各次修订稿' })
  revision!: number;

  @ApiProperty({ example: '修订稿（第2稿）' })
  revisionLabel!: string;

  @ApiProperty(nullableString)
  note!: string | null;

  @ApiProperty({ type: UserRef })
  by!: UserRef;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

/** The topic a draft belongs to (named apart from the topics' TopicRef: OpenAPI keys schemas by class name). */
export class DraftTopicRef {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  title!: string;
}

/** A draft in a list. */
export class DraftSummaryView {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: DraftTopicRef, nullable: true })
  topic!: DraftTopicRef | null;

  @ApiProperty({ type: OrganizerView })
  organizer!: OrganizerView;

  @ApiProperty({ enum: DRAFT_STATUSES })
  status!: string;

  @ApiProperty({ example: '征求意见中' })
  statusLabel!: string;

  @ApiProperty({ description: '向公众公开征求意见' })
  openToPublic!: boolean;

  @ApiProperty(nullableTime)
  closesAt!: string | null;

  @ApiProperty(nullableTime)
  openedAt!: string | null;

  @ApiProperty(nullableTime)
  closedAt!: string | null;

  @ApiProperty({ description: '现行稿次' })
  revision!: number;

  @ApiProperty({ description: '收到的意见条数' })
  commentCount!: number;

  @ApiProperty({ type: UserRef })
  createdBy!: UserRef;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty()
  version!: number;
}

export class OwnCommentView {
  @ApiProperty({ type: Number, nullable: true })
  clauseId!: number | null;

  @ApiProperty()
  text!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

/** The whole draft as of one edition (the current one unless `?revision=` asks for an earlier one). */
export class DraftView extends DraftSummaryView {
  @ApiProperty(nullableString)
  description!: string | null;

  @ApiProperty({ description: '本次所示的稿次' })
  shownRevision!: number;

  @ApiProperty({ type: [ClauseView] })
  clauses!: ClauseView[];

  @ApiProperty({ type: [DraftRevisionView] })
  revisions!: DraftRevisionView[];

  @ApiProperty({ type: [RefView], description: '另行邀请的委员（组织方可见）' })
  invitedMembers!: RefView[];

  @ApiProperty({ description: '调用者是组织方' })
  isOrganiser!: boolean;

  @ApiProperty({ description: '调用者现在可以提出意见' })
  canComment!: boolean;

  @ApiProperty({ type: [OwnCommentView], description: '调用者本人提出的意见' })
  myComments!: OwnCommentView[];
}

/** One comment as the organiser sees it (phone included: for questions back, never public). */
export class CommentView {
  @ApiProperty()
  id!: number;

  @ApiProperty({ type: Number, nullable: true })
  clauseId!: number | null;

  @ApiProperty({ enum: COMMENT_SOURCES })
  source!: string;

  @ApiProperty({ example: '征求意见表' })
  sourceLabel!: string;

  @ApiProperty()
  authorName!: string;

  @ApiProperty(nullableString)
  phone!: string | null;

  @ApiProperty()
  text!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ ...nullableString, enum: DISPOSITIONS })
  disposition!: string | null;

  @ApiProperty({ ...nullableString, example: '部分采纳' })
  dispositionLabel!: string | null;

  @ApiProperty(nullableString)
  dispositionReason!: string | null;

  @ApiProperty({ type: UserRef, nullable: true })
  disposedBy!: UserRef | null;

  @ApiProperty(nullableTime)
  disposedAt!: string | null;
}

export class DispositionCounts {
  @ApiProperty()
  adopted!: number;

  @ApiProperty()
  partly!: number;

  @ApiProperty()
  notAdopted!: number;

  @ApiProperty({ description: '尚未处理' })
  pending!: number;
}

export class ClauseSummaryView {
  @ApiProperty({ type: Number, nullable: true, description: '条款编号；null 为总体意见' })
  id!: number | null;

  @ApiProperty({ example: '第一条' })
  label!: string;

  @ApiProperty(nullableString)
  chapter!: string | null;

  @ApiProperty()
  text!: string;

  @ApiProperty()
  commentCount!: number;

  @ApiProperty({ type: DispositionCounts })
  counts!: DispositionCounts;

  @ApiProperty({ type: [CommentView] })
  comments!: CommentView[];
}

export class CommentTotals extends DispositionCounts {
  @ApiProperty()
  comments!: number;

  @ApiProperty({ description: '提出意见的人数（按姓名与账号计）' })
  people!: number;

  @ApiProperty({ description: '按来源：participant 参与人员，public 公众，form 征求意见表' })
  bySource!: Record<string, number>;
}

/** 意见汇总 for the organiser: per clause of the edition put out for comment, with each comment and its disposition. */
export class DraftCommentSummaryView {
  @ApiProperty({ type: DraftSummaryView })
  draft!: DraftSummaryView;

  @ApiProperty({ description: '意见所针对的稿次' })
  revision!: number;

  @ApiProperty({ type: CommentTotals })
  totals!: CommentTotals;

  @ApiProperty({ type: [ClauseSummaryView], description: '按条款顺序；最后一项为总体意见' })
  clauses!: ClauseSummaryView[];
}

/** What the public page shows of a draft open to the public: its text, never the comments or who made them. */
export class PublicDraftView {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty(nullableString)
  description!: string | null;

  @ApiProperty({ example: '金塔社区协商议事室' })
  organizer!: string;

  @ApiProperty({ enum: DRAFT_STATUSES })
  status!: string;

  @ApiProperty()
  statusLabel!: string;

  @ApiProperty(nullableTime)
  closesAt!: string | null;

  @ApiProperty({ description: '现在可以提出意见' })
  acceptingComments!: boolean;

  @ApiProperty()
  revision!: number;

  @ApiProperty({ type: [ClauseView] })
  clauses!: ClauseView[];

  @ApiPropertyOptional({ description: '收到的意见条数' })
  commentCount!: number;
}

export class PublicCommentsReceipt {
  @ApiProperty({ description: '收到的意见条数' })
  received!: number;

  @ApiProperty({ example: '感谢您提出的意见' })
  message!: string;
}

export class DraftHistoryItem extends WorkflowHistoryView(DRAFT_STATUSES, {
  action: 'open',
  actionLabel: '发布征求意见',
}) {}

export class CommentsReceipt {
  @ApiProperty({ description: '收到的意见条数' })
  received!: number;

  @ApiProperty({ type: [CommentView] })
  comments!: CommentView[];
}
