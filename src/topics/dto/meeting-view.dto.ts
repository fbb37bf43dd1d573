import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { nullableInt, nullableString, nullableTime } from '../../common/openapi';
import { NoticeReceipt } from '../../notifications/notice-receipts';
import { ATTENDANCES, MEETING_KINDS, PARTICIPANT_SIDES } from '../meeting.entities';
import { TOPIC_STATUSES } from '../topic-workflow';

/* What readers see of a meeting 协商会. */

export class MeetingSummaryView {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  topicId!: number;

  @ApiProperty({ description: '第N次协商' })
  sequence!: number;

  @ApiProperty({ example: '第4次协商' })
  sequenceLabel!: string;

  @ApiProperty({ enum: MEETING_KINDS })
  kind!: string;

  @ApiProperty({ example: '协商议事会' })
  kindLabel!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ format: 'date-time' })
  endsAt!: string;

  @ApiProperty()
  venue!: string;

  @ApiProperty({ description: '主持人' })
  chair!: string;

  @ApiProperty({ ...nullableTime, description: '召开登记时间；未召开为 null' })
  heldAt!: string | null;

  @ApiProperty()
  participantCount!: number;

  @ApiProperty()
  version!: number;
}

export class ParticipantView {
  @ApiProperty()
  id!: number;

  @ApiProperty(nullableInt)
  memberId!: number | null;

  @ApiProperty(nullableInt)
  unitId!: number | null;

  @ApiProperty({ description: '委员姓名、单位名称（及出席人）或填写的姓名', example: '金星镇政府 王主任' })
  name!: string;

  @ApiProperty({ enum: PARTICIPANT_SIDES })
  side!: string;

  @ApiProperty({ example: '居民/群众代表' })
  sideLabel!: string;

  @ApiProperty({ ...nullableString, enum: ATTENDANCES, description: '未登记时为 null' })
  attendance!: string | null;

  @ApiProperty(nullableString)
  attendanceLabel!: string | null;
}

export class SpeechView {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  participantId!: number;

  @ApiProperty({ description: '发言人' })
  speaker!: string;

  @ApiProperty()
  summary!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class TopicRef {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: TOPIC_STATUSES })
  status!: string;

  @ApiProperty()
  statusLabel!: string;

  @ApiProperty()
  version!: number;
}

/** A meeting with who came, who said what and the minutes. */
export class MeetingView extends MeetingSummaryView {
  @ApiProperty({ type: TopicRef })
  topic!: TopicRef;

  @ApiProperty(nullableTime)
  noticeSentAt!: string | null;

  @ApiProperty({ ...nullableString, description: '会议纪要' })
  minutes!: string | null;

  @ApiProperty({ type: [ParticipantView] })
  participants!: ParticipantView[];

  @ApiProperty({ type: [SpeechView] })
  speeches!: SpeechView[];
}

/** One participant of the meeting in the 通知回执: their attendance (recorded later) and what became of the latest 会议通知. */
export class MeetingNoticeReceiptView extends IntersectionType(ParticipantView, NoticeReceipt) {}

export class MeetingNoticeReceiptsView {
  @ApiProperty({ description: '已发送的会议通知次数；0 为尚未发送' })
  sent!: number;

  @ApiProperty({ ...nullableTime, description: '最近一次通知的发送时间' })
  sentAt!: string | null;

  @ApiProperty({
    type: [MeetingNoticeReceiptView],
    description: '每位参会人员：出席情况（会后登记）及最近一次通知的站内、邮件、短信情况',
  })
  people!: MeetingNoticeReceiptView[];
}
