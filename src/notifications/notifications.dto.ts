import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Notification } from './notification.entity';

export class NotificationQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '页码须为整数' })
  @Min(1, { message: '页码最小为 1' })
  page = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '每页条数须为整数' })
  @Min(1, { message: '每页条数最小为 1' })
  @Max(100, { message: '每页条数最多 100' })
  pageSize = 20;

  @ApiPropertyOptional({ description: '只看未读（1 或 true）' })
  @IsOptional()
  @Transform(({ value }) => (value === true || value === 'true' || value === '1' ? true : value === false || value === 'false' || value === '0' ? false : value))
  @IsBoolean({ message: '未读筛选须为 1/0 或 true/false' })
  unread?: boolean;
}

export class NotificationView {
  @ApiProperty()
  id!: number;

  @ApiProperty({ example: 'proposal.accepted' })
  kind!: string;

  @ApiProperty({ example: '您的提案已立案' })
  title!: string;

  @ApiProperty()
  body!: string;

  @ApiProperty({ type: String, nullable: true, example: '/proposals/12' })
  link!: string | null;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty({ type: Date, nullable: true })
  readAt!: Date | null;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] })
  items!: NotificationView[];

  @ApiProperty()
  total!: number;

  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;

  @ApiProperty({ description: '未读消息总数（不受筛选和分页影响）' })
  unread!: number;
}

export class ReadAllResult {
  @ApiProperty({ description: '本次标为已读的条数' })
  updated!: number;

  @ApiProperty({ example: 0 })
  unread!: number;
}

export function toNotificationView(n: Notification): NotificationView {
  return { id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.createdAt, readAt: n.readAt };
}
