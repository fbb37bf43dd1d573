import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PagingQuery } from '../../common/pagination';

export class PublicProposalQuery extends PagingQuery {
  @ApiPropertyOptional({ description: '按案由搜索' })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: '搜索词最多 100 个字' })
  q?: string;
}

export class PublicReplyView {
  @ApiProperty({ example: '市自然资源局' })
  unit!: string;

  @ApiProperty({ example: 'A' })
  classification!: string;

  @ApiProperty({ example: '已解决或采纳' })
  classificationLabel!: string;

  @ApiProperty()
  content!: string;
}

/** What the public sees of a completed proposal: no contact details, no evaluation, nothing of its handling. */
export class PublicProposalView {
  @ApiProperty({ type: String, nullable: true, example: '十二届二次会议 第0045号' })
  numberLabel!: string | null;

  @ApiProperty()
  title!: string;

  @ApiProperty({ example: '社会建设' })
  categoryLabel!: string;

  @ApiProperty({ type: [String], description: '提案人：领衔人、附议人（或提案单位）', example: ['张文华', '李明'] })
  proposers!: string[];

  @ApiProperty({ type: String, nullable: true, description: '主办单位（分办时为 null，见各答复的单位）' })
  leadUnit!: string | null;

  @ApiProperty({ type: [PublicReplyView], description: '最后一轮办理中公开的答复' })
  replies!: PublicReplyView[];

  @ApiProperty({ format: 'date-time' })
  completedAt!: string;
}
