import { ApiProperty } from '@nestjs/swagger';
import { Role, ROLES } from '../common/roles';

export const URGENCIES = ['overdue', 'due', 'normal'] as const;
/** 已超期: past a deadline; 待办: waits on the person; 关注: to keep an eye on. */
export type Urgency = (typeof URGENCIES)[number];

/** One line of a person's 待办: what waits, how many, since when, and the page that lists them. */
export class TodoItem {
  @ApiProperty({ description: '稳定的标识，如 member.visits、unit.assignments.overdue', example: 'member.visits' })
  key!: string;

  @ApiProperty({ example: '视察调研待答复' })
  label!: string;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: '件数；只是一个入口（如年度概览）时为 null',
    example: 1,
  })
  count!: number | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: '其中最早的时间（邀请、提交、到期等，随事项而定）；没有时为 null',
  })
  oldest!: string | null;

  @ApiProperty({ description: '列出这些事项的页面', example: '/schedule' })
  href!: string;

  @ApiProperty({ enum: URGENCIES, description: 'overdue 已超期；due 待处理；normal 供关注' })
  urgency!: Urgency;
}

/** The items of one of the person's roles. */
export class TodoGroup {
  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ example: '政协委员' })
  roleLabel!: string;

  @ApiProperty({ type: [TodoItem], description: '已超期在前，其次待处理，再次供关注；没有事项的不列出' })
  items!: TodoItem[];
}

export class TodoList {
  @ApiProperty({ type: [TodoGroup], description: '按角色分组；没有待办的角色不列出' })
  groups!: TodoGroup[];

  @ApiProperty({ type: 'integer', description: '各组事项件数之和（不含只是入口的事项）' })
  total!: number;
}
