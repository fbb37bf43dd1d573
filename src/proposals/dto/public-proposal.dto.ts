import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../../common/pagination';
import { ReplyText } from './proposal-parts.dto';

export class PublicProposalQuery extends PageQuery {
  @ApiPropertyOptional({ description: '按案由搜索' })
  override q?: string = undefined;
}

export class PublicReplyView extends ReplyText {
  @ApiProperty({ example: '市自然资源局' })
  unit!: string;
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
