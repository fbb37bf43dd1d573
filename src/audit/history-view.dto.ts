import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { nullableString } from '../common/openapi';

export class HistoryActor {
  @ApiProperty({ type: Number, nullable: true, description: '系统操作时为 null' })
  id!: number | null;

  @ApiProperty()
  displayName!: string;
}

/** The view of one `GET /…/:id/history` step, documented with the statuses of its workflow. */
export function WorkflowHistoryView(statuses: readonly string[], example: { action: string; actionLabel: string }) {
  class HistoryItemView {
    @ApiProperty({ format: 'date-time' })
    at!: string;

    @ApiProperty({ type: HistoryActor })
    actor!: HistoryActor;

    @ApiProperty({ example: example.action })
    action!: string;

    @ApiProperty({ example: example.actionLabel })
    actionLabel!: string;

    @ApiProperty({ ...nullableString, enum: statuses })
    from!: string | null;

    @ApiProperty({ ...nullableString, enum: statuses })
    to!: string | null;

    @ApiProperty({
      ...nullableString,
      description: '该步骤的说明（理由、意见等）；详情中不向查看人显示的内容（如他人的请假理由、评分）在此为 null',
    })
    comment!: string | null;

    @ApiPropertyOptional({
      type: 'object',
      additionalProperties: true,
      description: '该步骤记录的其他内容；详情中不向查看人显示的内容在此省略',
    })
    details?: Record<string, unknown>;
  }
  return HistoryItemView;
}
