import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RefView } from '../../common/dto-fields';
import { RateView } from '../../common/rate';
import { YearQuery } from '../../directory/session-year';
import { PROPOSAL_STATUSES, ProposalStatus } from '../proposal-workflow';
import { idQuery } from './file-proposal.dto';

export class ProposalStatsQuery {
  @ApiPropertyOptional({ description: '会次；不填则统计全部会次' })
  @idQuery('会次')
  sessionId?: number;

  @ApiPropertyOptional({ description: '年度：只统计大会提案截止日期在该年的会次', example: 2026 })
  @YearQuery()
  year?: number;
}

export { RateView };

export class SatisfactionRates {
  @ApiProperty({ type: RateView, description: '办理工作满意率：评价了办理工作的提案中，满意和基本满意的比例' })
  attitude!: RateView;

  @ApiProperty({ type: RateView, description: '办理结果满意率：已评价的提案中，办理结果满意和基本满意的比例' })
  result!: RateView;
}

export class ProposalRates {
  @ApiProperty({
    type: RateView,
    description: '立案率：已立案（含其后各状态）/ 已审查（立案、不予立案、转为意见建议、并案）',
  })
  acceptance!: RateView;

  @ApiProperty({ type: RateView, description: '办复率：已答复和已办结 / 已交办（含其后各状态）' })
  reply!: RateView;

  @ApiProperty({ type: SatisfactionRates, description: '按每件提案最近一次评价计算' })
  satisfaction!: SatisfactionRates;
}

export class StatusCount {
  @ApiProperty({ enum: PROPOSAL_STATUSES })
  status!: ProposalStatus;

  @ApiProperty({ example: '已立案' })
  label!: string;

  @ApiProperty()
  count!: number;
}

/** Received (submitted and not withdrawn), reviewed and accepted proposals of one group. */
export class GroupCounts {
  @ApiProperty({ description: '收到（已提交且未撤回）' })
  total!: number;

  @ApiProperty({ description: '已审查' })
  reviewed!: number;

  @ApiProperty({ description: '已立案（含其后各状态）' })
  accepted!: number;
}

export class CategoryStats extends GroupCounts {
  @ApiProperty({ example: 'economy' })
  category!: string;

  @ApiProperty({ example: '经济建设' })
  label!: string;
}

export class SectorStats extends GroupCounts {
  @ApiProperty({ type: Number, nullable: true, description: '未归属界别的（专委会、党派团体提案）为 null' })
  sectorId!: number | null;

  @ApiProperty({ example: '教育界' })
  name!: string;
}

export class UnitStats {
  @ApiProperty()
  unitId!: number;

  @ApiProperty({ example: '市自然资源局' })
  name!: string;

  @ApiProperty({ description: '当前交办给本单位的提案（主办、会办或分办）' })
  assigned!: number;

  @ApiProperty({ description: '其中本单位已答复，或提案已答复、已办结的' })
  replied!: number;

  @ApiProperty({ description: '其中已超期且本单位尚未答复的' })
  overdue!: number;
}

export class ProposalStatsView {
  @ApiProperty({ type: RefView, nullable: true, description: '统计的会次；null 为全部会次' })
  session!: RefView | null;

  @ApiProperty({ description: '收到的提案（已提交且未撤回；不含草稿）' })
  total!: number;

  @ApiProperty({ type: [StatusCount], description: '各状态件数（不含草稿）' })
  byStatus!: StatusCount[];

  @ApiProperty({ type: [CategoryStats] })
  byCategory!: CategoryStats[];

  @ApiProperty({ type: [SectorStats] })
  bySector!: SectorStats[];

  @ApiProperty({ type: [UnitStats] })
  byUnit!: UnitStats[];

  @ApiProperty({ type: ProposalRates })
  rates!: ProposalRates;

  @ApiProperty({ description: '已超期未答复的提案' })
  overdue!: number;

  @ApiProperty({ description: '重点提案' })
  key!: number;

  @ApiProperty({ description: '优秀提案' })
  excellent!: number;
}
