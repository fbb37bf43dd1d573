import { ApiProperty } from '@nestjs/swagger';
import { InstructionStatsView } from '../../instructions/instruction.dto';
import { ProposalStatsView, RateView, UnitStats } from '../../proposals/dto/proposal-stats.dto';
import { PROPOSAL_STATUSES } from '../../proposals/proposal-workflow';
import { PromiseStats } from '../../topics/dto/topic-stats.dto';
import { TOPIC_STATUSES } from '../../topics/topic-workflow';

export class KeyProposalRow {
  @ApiProperty() id!: number;
  @ApiProperty({ type: String, nullable: true, example: '第0012号' }) numberLabel!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: PROPOSAL_STATUSES }) status!: string;
  @ApiProperty() statusLabel!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: String, nullable: true, description: '督办领导' }) supervisor!: string | null;
}

export class KeyProposals {
  @ApiProperty({ description: '本年度重点提案总数' }) total!: number;
  @ApiProperty({ type: [KeyProposalRow], description: '按编号，最多 50 件' }) items!: KeyProposalRow[];
}

export class TopicStep {
  @ApiProperty({ enum: TOPIC_STATUSES }) status!: string;
  @ApiProperty() label!: string;
  @ApiProperty() count!: number;
  @ApiProperty({ type: RateView, description: '这些议题的成果采纳率：已落实 / 全部成果' }) adoption!: RateView;
}

export class TopicSteps {
  @ApiProperty({ description: '本年度出题的议题数' }) total!: number;
  @ApiProperty({ type: [TopicStep] }) byStatus!: TopicStep[];
  @ApiProperty({ type: RateView, description: '全部成果的采纳率' }) adoption!: RateView;
}

export class SectorParticipation {
  @ApiProperty() sectorId!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ description: '委员人数' }) members!: number;
  @ApiProperty({ type: RateView, description: '出席率：出席 / 应参加的协商会议' }) attendance!: RateView;
  @ApiProperty({ type: RateView, description: '视察调研参加率：参加 / 应参加（已完成的视察调研）' })
  visitAttendance!: RateView;
  @ApiProperty({ description: '领衔提案' }) proposalsLed!: number;
  @ApiProperty({ description: '会议发言' }) speeches!: number;
  @ApiProperty({ type: Number, nullable: true, description: '平均履职得分' }) averageScore!: number | null;
}

export class VisitFigures {
  @ApiProperty({ description: '本年度已完成的视察调研（按开始时间）' }) completed!: number;
  @ApiProperty({ description: '本年度已安排、尚未完成的视察调研' }) planned!: number;
  @ApiProperty({ description: '本年度已取消的视察调研' }) cancelled!: number;
  @ApiProperty({ type: RateView, description: '委员参加率：已完成的视察调研中，参加 / 受邀的委员人次' })
  attendance!: RateView;
  @ApiProperty({ description: '本年度参加过视察调研的委员人数' }) membersTookPart!: number;
}

export class DashboardSession {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
}

/** A later year's session already taking proposals during this year (五届五次会议, open since October for 2027). */
export class CollectingSession {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 2027, description: '该会次计入的年度（大会提案截止日期所在年）' }) year!: number;
  @ApiProperty({ description: '已提交的提案（不含草稿）' }) proposals!: number;
}

/** 领导驾驶舱: one year at a glance. */
export class DashboardView {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ type: [DashboardSession], description: '本年度的会次（大会提案截止日期在该年）' })
  sessions!: DashboardSession[];
  @ApiProperty({
    type: [CollectingSession],
    description: '在本年度内已开始征集提案、但计入以后年度的会次（例如年底开始征集的下一次大会）',
  })
  collecting!: CollectingSession[];
  @ApiProperty({ type: ProposalStatsView, description: '本年度会次的提案统计' }) proposals!: ProposalStatsView;
  @ApiProperty({ type: [UnitStats], description: '有超期未答复提案的承办单位，超期多者在前' })
  overdueUnits!: UnitStats[];
  @ApiProperty({ type: KeyProposals }) keyProposals!: KeyProposals;
  @ApiProperty({ type: TopicSteps }) topics!: TopicSteps;
  @ApiProperty({ type: VisitFigures, description: '视察调研' }) visits!: VisitFigures;
  @ApiProperty({ type: PromiseStats, description: '本年度出题的议题的响应承诺：有承诺的、有超时的、各时限的超时数' })
  promises!: PromiseStats;
  @ApiProperty({ type: [SectorParticipation], description: '各界别委员的履职情况' })
  participation!: SectorParticipation[];
  @ApiProperty({ type: InstructionStatsView, description: '领导批示：本年件数、已交办、已落实、超期事项和累计' })
  instructions!: InstructionStatsView;
}
