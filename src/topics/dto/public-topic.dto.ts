import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { nullableString } from '../../common/openapi';
import { PageQuery } from '../../common/pagination';

export class PublicTopicQuery extends PageQuery {
  @ApiPropertyOptional({ description: '按议题名称搜索' })
  override q?: string = undefined;
}

export class PublicOutcomeView {
  @ApiProperty({ example: '共识' })
  kindLabel!: string;

  @ApiProperty({ example: '增设停车位37个' })
  text!: string;

  @ApiProperty({ ...nullableString, description: '责任单位', example: '市住房和城乡建设局' })
  unit!: string | null;

  @ApiProperty({ example: '已落实' })
  statusLabel!: string;

  @ApiProperty({ ...nullableString, description: '最近一次办理反馈' })
  feedback!: string | null;
}

export class PublicOutcomeThemeView {
  @ApiProperty({ ...nullableString, description: '主题；未归入主题的成果为 null' })
  theme!: string | null;

  @ApiProperty({ type: [PublicOutcomeView] })
  outcomes!: PublicOutcomeView[];
}

/** What the public sees of a published topic: its outcomes, nothing of who took part or how they judged it. */
export class PublicTopicView {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty({ example: '社区' })
  levelLabel!: string;

  @ApiProperty({ description: '组织方', example: '幸福里社区协商议事点' })
  organizer!: string;

  @ApiProperty({ example: '解题' })
  statusLabel!: string;

  @ApiProperty({ format: 'date-time' })
  publishedAt!: string;

  @ApiProperty({ type: [PublicOutcomeThemeView], description: '协商成果，按主题分组' })
  outcomesByTheme!: PublicOutcomeThemeView[];
}
