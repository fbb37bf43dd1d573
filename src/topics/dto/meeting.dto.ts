import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { OptionalText, RequiredText } from '../../common/dto-fields';
import { TimeWithOffset } from '../../common/validation';
import { VersionDto } from '../../common/version.dto';
import { MEETING_KINDS, MeetingKind, PARTICIPANT_SIDES, ParticipantSide } from '../meeting.entities';

const timeDoc = (description: string) => ({
  type: String,
  format: 'date-time',
  example: '2026-06-18T09:00:00+08:00',
  description,
});

/** 协商会 on a topic; `version` is the topic's. */
export class CreateMeetingDto extends VersionDto {
  @ApiProperty({
    enum: MEETING_KINDS,
    description:
      'thematic 专题协商，counterpart 对口协商，sector 界别协商，proposal 提案办理协商，key 重点协商会，deliberation 协商议事会，bench 板凳会，tea 书记下午茶，other 其他',
  })
  @IsIn(MEETING_KINDS, {
    message: '会议形式须为专题协商、对口协商、界别协商、提案办理协商、重点协商会、协商议事会、板凳会、书记下午茶或其他',
  })
  kind!: MeetingKind;

  @RequiredText('会议名称', 200)
  title!: string;

  @ApiProperty(timeDoc('开始时间'))
  @TimeWithOffset('开始时间')
  startsAt!: string;

  @ApiProperty(timeDoc('结束时间，须晚于开始时间'))
  @TimeWithOffset('结束时间')
  endsAt!: string;

  @RequiredText('会议地点', 200)
  venue!: string;

  @RequiredText('主持人', 50)
  chair!: string;
}

/** One participant: a member (`memberId`), a unit (`unitId`, with who came as `name`), or a person by `name` alone. */
export class ParticipantDto {
  @ApiPropertyOptional({ description: '委员编号' })
  @IsOptional()
  @IsInt({ message: '委员编号须为整数' })
  @Min(1, { message: '委员编号无效' })
  memberId?: number;

  @ApiPropertyOptional({ description: '单位编号（部门、企业等）' })
  @IsOptional()
  @IsInt({ message: '单位编号须为整数' })
  @Min(1, { message: '单位编号无效' })
  unitId?: number;

  @OptionalText('姓名', 50, { description: '不是委员时填写；单位参会时可填出席人' })
  name?: string | null;

  @ApiProperty({
    enum: PARTICIPANT_SIDES,
    description:
      'organizer 组织方/两委，member 委员，party_member 党员代表，resident 居民/群众代表，department 部门，enterprise 企业，expert 专家，stakeholder 利益相关方，other 其他',
  })
  @IsIn(PARTICIPANT_SIDES, {
    message: '参会身份须为组织方/两委、委员、党员代表、居民/群众代表、部门、企业、专家、利益相关方或其他',
  })
  side!: ParticipantSide;
}

/** 出席情况 of one participant: present, or not (excused 请假 when `excused`). */
export class AttendanceDto {
  @ApiProperty()
  @IsInt({ message: '参会人员编号须为整数' })
  @Min(1, { message: '参会人员编号无效' })
  participantId!: number;

  @ApiProperty({ description: '是否出席' })
  @IsBoolean({ message: '请填写是否出席' })
  present!: boolean;

  @ApiPropertyOptional({ description: '未出席时是否已请假' })
  @IsOptional()
  @IsBoolean({ message: '请假须为布尔值' })
  excused?: boolean;
}

/** 发言 of a participant, summarised; `version` is the meeting's. */
export class SpeechDto extends VersionDto {
  @ApiProperty()
  @IsInt({ message: '参会人员编号须为整数' })
  @Min(1, { message: '参会人员编号无效' })
  participantId!: number;

  @RequiredText('发言摘要', 5000)
  summary!: string;
}

/** The meeting took place: its minutes 会议纪要; `version` is the meeting's. */
export class HoldMeetingDto extends VersionDto {
  @OptionalText('会议纪要', 15000)
  minutes?: string | null;
}
