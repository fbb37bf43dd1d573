import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { OptionalEmail } from '../common/dto-fields';
import { PagingQuery } from '../common/pagination';
import { NOTICE_CATEGORIES, NoticeCategory } from './notice-categories';

export class CategoryChoice {
  @ApiProperty({ enum: NOTICE_CATEGORIES })
  @IsIn(NOTICE_CATEGORIES, { message: '消息类别无效' })
  category!: NoticeCategory;

  @ApiProperty()
  @IsBoolean({ message: '邮件开关须为布尔值' })
  email!: boolean;

  @ApiProperty()
  @IsBoolean({ message: '短信开关须为布尔值' })
  sms!: boolean;
}

/** A person's own notice settings; what is left out stays as it was. */
export class UpdateNoticeSettingsDto {
  @OptionalEmail()
  email?: string | null;

  @ApiPropertyOptional({ description: '每天一封邮件汇总前一天的消息，代替逐条邮件' })
  @IsOptional()
  @IsBoolean({ message: '每日汇总须为布尔值' })
  digest?: boolean;

  @ApiPropertyOptional({ description: '免打扰时段（默认 22:00 至次日 7:00）不发短信，紧急通知除外' })
  @IsOptional()
  @IsBoolean({ message: '免打扰须为布尔值' })
  quietHours?: boolean;

  @ApiPropertyOptional({ type: [CategoryChoice] })
  @IsOptional()
  @IsArray({ message: '消息类别须为列表' })
  @ArrayMaxSize(NOTICE_CATEGORIES.length, { message: '消息类别过多' })
  @ValidateNested({ each: true })
  @Type(() => CategoryChoice)
  categories?: CategoryChoice[];
}

export class CategorySetting extends CategoryChoice {
  @ApiProperty({ example: '视察、会议的邀请和变更' })
  label!: string;

  @ApiProperty()
  hint!: string;
}

export class NoticeSettingsView {
  @ApiProperty({ type: String, nullable: true, description: '由系统管理员登记，用于短信通知和短信验证码登录' })
  mobile!: string | null;

  @ApiProperty({ type: String, nullable: true })
  email!: string | null;

  @ApiProperty()
  digest!: boolean;

  @ApiProperty()
  quietHours!: boolean;

  @ApiProperty({ example: '22:00 至次日 7:00' })
  quietHoursLabel!: string;

  @ApiProperty({ description: '本系统已开通的渠道', example: { email: true, sms: false } })
  channels!: { email: boolean; sms: boolean };

  @ApiProperty({ type: [CategorySetting] })
  categories!: CategorySetting[];
}

export const DELIVERY_STATUSES = ['pending', 'digest', 'sent', 'failed', 'skipped'] as const;

export class DeliveryQuery extends PagingQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES, { message: '投递状态无效' })
  status?: (typeof DELIVERY_STATUSES)[number];

  @ApiPropertyOptional({ enum: ['email', 'sms'] })
  @IsOptional()
  @IsIn(['email', 'sms'], { message: '渠道须为 email 或 sms' })
  channel?: 'email' | 'sms';
}

export class DeliveryView {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  notificationId!: number;

  @ApiProperty({ example: 'visit.invited' })
  kind!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  userId!: number;

  @ApiProperty({ example: '王建国' })
  recipient!: string;

  @ApiProperty({ enum: ['email', 'sms'] })
  channel!: string;

  @ApiProperty({ example: '短信' })
  channelLabel!: string;

  @ApiProperty({ type: String, nullable: true, example: '138****0001', description: '手机号中间四位隐去' })
  address!: string | null;

  @ApiProperty({ enum: DELIVERY_STATUSES })
  status!: string;

  @ApiProperty({ example: '已发送' })
  statusLabel!: string;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '按个人设置不发送' })
  reasonLabel!: string | null;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ type: String, nullable: true, description: '服务商的答复' })
  answer!: string | null;

  @ApiProperty()
  notBefore!: Date;

  @ApiProperty({ type: Date, nullable: true })
  sentAt!: Date | null;

  @ApiProperty()
  createdAt!: Date;
}
