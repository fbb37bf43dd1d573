import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { nullableInt, nullableString, nullableTime } from '../../common/openapi';
import { AttachmentView } from '../../files/attachment.dto';
import { NoticeReceipt } from '../../notifications/notice-receipts';
import { OrganizerView, UserRef } from '../../topics/dto/topic-view.dto';
import { VISIT_STATUSES } from '../visit-workflow';
import { PARTICIPANT_KINDS, RSVP_ANSWERS, VISIT_KINDS } from '../visit.entities';

/* What readers see of a field visit 视察调研. */

export class RsvpCounts {
  @ApiProperty({ description: '受邀人数' })
  invited!: number;

  @ApiProperty({ description: '参加' })
  accepted!: number;

  @ApiProperty({ description: '请假' })
  declined!: number;

  @ApiProperty({ description: '待答复（委员和工作人员；不含单位人员）' })
  pending!: number;

  @ApiProperty({ description: '单位人员：不在系统中答复，由工作人员记录到场情况' })
  unitPeople!: number;
}

/** A visit in a list. */
export class VisitSummaryView {
  @ApiProperty()
  id!: number;

  @ApiProperty({ enum: VISIT_KINDS })
  kind!: string;

  @ApiProperty({ example: '调研' })
  kindLabel!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: OrganizerView })
  organizer!: OrganizerView;

  @ApiProperty({ format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ format: 'date-time' })
  endsAt!: string;

  @ApiProperty({ enum: VISIT_STATUSES })
  status!: string;

  @ApiProperty({ example: '已安排' })
  statusLabel!: string;

  @ApiProperty()
  stopCount!: number;

  @ApiProperty({ type: RsvpCounts })
  rsvp!: RsvpCounts;

  @ApiProperty({ ...nullableString, enum: RSVP_ANSWERS, description: '本人的答复；未受邀为 null' })
  myAnswer!: string | null;

  @ApiProperty()
  version!: number;
}

export class StopView {
  @ApiProperty()
  id!: number;

  @ApiProperty({ description: '第几站' })
  position!: number;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty()
  place!: string;

  @ApiProperty(nullableString)
  contact!: string | null;

  @ApiProperty({ ...nullableString, description: '考察内容' })
  purpose!: string | null;
}

export class VisitParticipantView {
  @ApiProperty()
  id!: number;

  @ApiProperty({ enum: PARTICIPANT_KINDS })
  kind!: string;

  @ApiProperty({ example: '委员' })
  kindLabel!: string;

  @ApiProperty(nullableInt)
  memberId!: number | null;

  @ApiProperty(nullableInt)
  userId!: number | null;

  @ApiProperty(nullableInt)
  unitId!: number | null;

  @ApiProperty({ description: '委员姓名、工作人员姓名，或“单位 姓名”', example: '石嘴山市家政服务行业协会 李会长' })
  name!: string;

  @ApiProperty({ enum: RSVP_ANSWERS })
  answer!: string;

  @ApiProperty({ example: '参加' })
  answerLabel!: string;

  @ApiProperty({ ...nullableString, description: '请假理由：工作人员、领导和本人可见' })
  reason!: string | null;

  @ApiProperty(nullableTime)
  answeredAt!: string | null;
}

export class FindingView {
  @ApiProperty()
  id!: number;

  @ApiProperty(nullableInt)
  stopId!: number | null;

  @ApiProperty({ ...nullableString, description: '站点名称' })
  stopPlace!: string | null;

  @ApiProperty()
  problem!: string;

  @ApiProperty(nullableString)
  suggestion!: string | null;

  @ApiProperty({ ...nullableString, description: '主题' })
  theme!: string | null;

  @ApiProperty({ type: UserRef })
  recordedBy!: UserRef;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class PhotoView extends AttachmentView {
  @ApiProperty({ example: '/api/v1/visits/3/photos/12' })
  url!: string;

  @ApiProperty({
    example: '/api/v1/visits/3/photos/12?preview=1',
    description: '缩略图（JPEG 照片内嵌的缩略图；没有时为原图）',
  })
  previewUrl!: string;
}

export class LinkedRecordView {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  status!: string;

  @ApiProperty()
  statusLabel!: string;
}

/** A visit with its itinerary, who is invited and what they answered, findings, photos and what it led to. */
export class VisitView extends VisitSummaryView {
  @ApiProperty()
  purpose!: string;

  @ApiProperty({ type: [StopView], description: '行程，按顺序' })
  stops!: StopView[];

  @ApiProperty({ type: [VisitParticipantView] })
  participants!: VisitParticipantView[];

  @ApiProperty({ type: [FindingView] })
  findings!: FindingView[];

  @ApiProperty({ type: [PhotoView] })
  photos!: PhotoView[];

  @ApiProperty({ type: [LinkedRecordView], description: '据此提出的协商议题' })
  topics!: LinkedRecordView[];

  @ApiProperty({ type: [LinkedRecordView], description: '据此起草的提案（本人的草稿和已提交的）' })
  proposals!: LinkedRecordView[];

  @ApiProperty({ ...nullableString, description: '取消原因' })
  cancelReason!: string | null;

  @ApiProperty(nullableTime)
  completedAt!: string | null;

  @ApiProperty(nullableTime)
  cancelledAt!: string | null;

  @ApiProperty({ type: UserRef })
  createdBy!: UserRef;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class BusyView {
  @ApiProperty({ enum: ['visit', 'meeting'] })
  type!: string;

  @ApiProperty()
  id!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty({ format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ format: 'date-time' })
  endsAt!: string;
}

/** One conflict of the 409's `details.conflicts` (and of the planner's check). */
export class ConflictView {
  @ApiProperty(nullableInt)
  memberId!: number | null;

  @ApiProperty({ ...nullableInt, description: '工作人员账号（工作人员的冲突）' })
  userId!: number | null;

  @ApiProperty({ description: '姓名' })
  name!: string;

  @ApiProperty({ type: BusyView })
  with!: BusyView;
}

export class MemberBusyView {
  @ApiProperty()
  memberId!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: [BusyView] })
  busy!: BusyView[];
}

export class FreeBusyDayView {
  @ApiProperty({ example: '2026-06-18' })
  date!: string;

  @ApiProperty({ example: '周四' })
  weekday!: string;

  @ApiProperty({ type: [Number], description: '当天有安排的委员' })
  busyMemberIds!: number[];

  @ApiProperty({ description: '当天没有安排的委员人数' })
  freeCount!: number;
}

export class FreeBusyView {
  @ApiProperty({ example: 'Asia/Shanghai' })
  timeZone!: string;

  @ApiProperty({ example: '2026-06-01' })
  from!: string;

  @ApiProperty({ example: '2026-06-30' })
  to!: string;

  @ApiProperty({ type: [MemberBusyView] })
  members!: MemberBusyView[];

  @ApiProperty({ type: [FreeBusyDayView] })
  days!: FreeBusyDayView[];
}

export class CalendarFeedView {
  @ApiProperty({
    description: '订阅地址（含密钥，只在生成时显示一次）',
    example: 'https://example.org/api/v1/members/12/calendar.ics?token=…',
  })
  url!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class CalendarFeedStatusView {
  @ApiProperty({ description: '是否已开启订阅' })
  active!: boolean;

  @ApiProperty(nullableTime)
  createdAt!: string | null;
}

/** One person of the visit in the 通知回执: their answer and what became of the latest 会议通知. */
export class VisitNoticeReceiptView extends IntersectionType(VisitParticipantView, NoticeReceipt) {}

export class VisitNoticeReceiptsView {
  @ApiProperty({ description: '已发送的会议通知次数；0 为尚未发送' })
  sent!: number;

  @ApiProperty({ ...nullableTime, description: '最近一次通知的发送时间' })
  sentAt!: string | null;

  @ApiProperty({
    type: [VisitNoticeReceiptView],
    description: '每位受邀人员：答复及最近一次通知的站内、邮件、短信情况',
  })
  people!: VisitNoticeReceiptView[];
}
