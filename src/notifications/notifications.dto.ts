import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PagingQuery } from '../common/pagination';
import { BooleanQuery } from '../common/validation';
import type { Notification } from './notification.entity';

export class NotificationQuery extends PagingQuery {
  @ApiPropertyOptional({ description: '只看未读（1 或 true）' })
  @BooleanQuery('未读筛选须为 1/0 或 true/false')
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
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    createdAt: n.createdAt,
    readAt: n.readAt,
  };
}
