import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { OptionalText, RequiredText } from '../../common/dto-fields';
import { TIME_WITH_OFFSET } from '../../common/validation';
import { Rating, RATINGS } from '../proposal-workflow';
import {
  COMMUNICATION_MODES,
  COMMUNICATION_STEPS,
  CommunicationMode,
  CommunicationStep,
  CONTACT_KINDS,
  ContactKind,
} from '../proposal.entities';
import { CommitmentInputDto } from './commitment.dto';
import { VersionDto } from './file-proposal.dto';

/** 退回: the unit says it is not theirs. */
export class ReturnProposalDto extends VersionDto {
  @RequiredText('退回理由', 2000)
  reason!: string;
}

/** 沟通协商 with the proposer. */
export class CommunicationDto extends VersionDto {
  @ApiProperty({ enum: COMMUNICATION_MODES, description: 'visit 走访面商，phone 电话，meeting 座谈会，letter 书面' })
  @IsIn(COMMUNICATION_MODES, { message: '沟通方式须为走访、电话、座谈会或书面之一' })
  mode!: CommunicationMode;

  @RequiredText('沟通情况', 5000)
  summary!: string;

  @ApiPropertyOptional({
    enum: COMMUNICATION_STEPS,
    description: 'before 办前面商，during 办中沟通，after 办后；默认按进度推定',
  })
  @IsOptional()
  @IsIn(COMMUNICATION_STEPS, { message: '沟通阶段须为办前、办中或办后' })
  step?: CommunicationStep;

  @ApiPropertyOptional({ format: 'date-time', description: '沟通时间，默认为记录时' })
  @IsOptional()
  @IsString({ message: '沟通时间须为带时区的时间' })
  @Matches(TIME_WITH_OFFSET, { message: '沟通时间须为带时区的时间，如 2026-03-01T10:00:00+08:00' })
  at?: string;
}

/** 会办意见 of a co-unit. */
export class CoOpinionDto extends VersionDto {
  @RequiredText('会办意见', 10000)
  content!: string;
}

/** 答复 (答复函). */
export class ReplyProposalDto extends VersionDto {
  @ApiProperty({
    example: 'A',
    description: 'A 已解决或采纳，B 列入计划拟解决或正在解决，C 因条件限制留作参考（可配置）',
  })
  @IsString({ message: '请选择答复分类' })
  @Matches(/^[A-Za-z][A-Za-z0-9_]{0,9}$/, { message: '答复分类代码不正确' })
  classification!: string;

  @RequiredText('答复内容', 50000)
  content!: string;

  @ApiProperty({ description: '答复是否公开', name: 'public' })
  @IsBoolean({ message: '请选择答复是否公开' })
  public!: boolean;

  @OptionalText('发文字号', 100, { example: '市资规函〔2026〕12号' })
  letterNo?: string | null;

  @OptionalText('签发人', 50)
  signer?: string | null;

  @OptionalText('联系人及电话', 100)
  contact?: string | null;

  @ApiPropertyOptional({
    type: CommitmentInputDto,
    isArray: true,
    description: '承诺事项（回头看）：只随 B、C 类答复填写，每项含承诺内容和完成期限；A 类答复填写则返回 400',
  })
  @IsOptional()
  @IsArray({ message: '承诺事项须为列表' })
  @ValidateNested({ each: true })
  @Type(() => CommitmentInputDto)
  commitments?: CommitmentInputDto[];
}

/** 延期申请 by a replying unit. */
export class RequestExtensionDto extends VersionDto {
  @ApiProperty({ minimum: 1, maximum: 6, description: '延长的月数' })
  @IsInt({ message: '延期月数须为整数' })
  @Min(1, { message: '延期至少 1 个月' })
  @Max(12, { message: '延期最多 12 个月' })
  months!: number;

  @RequiredText('延期理由', 2000)
  reason!: string;
}

const ratingDoc = { enum: RATINGS, description: 'satisfied 满意，basically_satisfied 基本满意，unsatisfied 不满意' };

/** 征询意见表: the lead proposer's evaluation. */
export class EvaluateProposalDto extends VersionDto {
  @ApiProperty({ ...ratingDoc, description: `办理结果：${ratingDoc.description}；不满意则重新办理` })
  @IsIn(RATINGS, { message: '请选择对办理结果的评价：满意、基本满意或不满意' })
  rating!: Rating;

  @ApiPropertyOptional({ ...ratingDoc, description: `办理工作（态度）：${ratingDoc.description}` })
  @IsOptional()
  @IsIn(RATINGS, { message: '办理工作评价须为满意、基本满意或不满意' })
  attitude?: Rating;

  @ApiPropertyOptional({ enum: CONTACT_KINDS, description: 'visit 面商，phone 电话，letter 书面，none 未联系' })
  @IsOptional()
  @IsIn(CONTACT_KINDS, { message: '联系方式须为面商、电话、书面或未联系' })
  contact?: ContactKind;

  @OptionalText('意见', 5000)
  comment?: string | null;
}
