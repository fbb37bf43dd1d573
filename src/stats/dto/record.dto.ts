import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PagingQuery } from '../../common/pagination';
import { YearQuery } from '../../directory/session-year';
import { idQuery } from '../../proposals/dto/file-proposal.dto';
import { RULE_KEYS } from '../record-rules';

export class RecordQuery {
  @ApiPropertyOptional({ description: '年度；不填为本年', example: 2026 })
  @YearQuery()
  year?: number;
}

export class RankingQuery extends PagingQuery {
  @ApiPropertyOptional({ description: '年度；不填为本年', example: 2026 })
  @YearQuery()
  year?: number;

  @ApiPropertyOptional({ description: '界别' })
  @idQuery('界别')
  sectorId?: number;

  @ApiPropertyOptional({ description: '专门委员会' })
  @idQuery('专委会')
  committeeId?: number;
}

export class RecordSourceView {
  @ApiProperty({ enum: ['proposal', 'meeting', 'outcome', 'visit', 'opinion'] })
  type!: 'proposal' | 'meeting' | 'outcome' | 'visit' | 'opinion';

  @ApiProperty()
  id!: number;

  @ApiProperty({ description: '提案案由、会议名称或成果内容' })
  title!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: '立案时间、会议开始时间或成果落实时间',
  })
  at!: Date | null;

  @ApiPropertyOptional({ description: '会议或成果所属的议题' })
  topicId?: number;
}

export class PointsLineView {
  @ApiProperty({ enum: RULE_KEYS, description: '积分项' })
  kind!: string;

  @ApiProperty({ example: '领衔的提案《关于推进老旧小区加装电梯的建议》立案' })
  label!: string;

  @ApiProperty({ description: '按所用规则计的分值（可为负、可为 0）', example: 15 })
  points!: number;

  @ApiProperty({ type: RecordSourceView, description: '来源记录' })
  source!: RecordSourceView;
}

export class RuleView {
  @ApiProperty({ enum: RULE_KEYS })
  kind!: string;

  @ApiProperty({ example: '领衔提案立案' })
  label!: string;

  @ApiProperty({ example: 15 })
  points!: number;
}

export class GradeBandView {
  @ApiProperty({ example: 90 })
  min!: number;

  @ApiProperty({ example: '优秀' })
  label!: string;
}

export class RulesView {
  @ApiProperty({ example: '委员履职积分办法（默认）' })
  name!: string;

  @ApiProperty({ description: '自该年度起适用' })
  fromYear!: number;

  @ApiProperty({ description: '规则内容的校验值（SHA-256 前 12 位）：规则一改，校验值即变' })
  version!: string;

  @ApiProperty()
  baseScore!: number;

  @ApiProperty({ type: [RuleView] })
  points!: RuleView[];

  @ApiProperty({ type: [GradeBandView] })
  grades!: GradeBandView[];
}

export class ProposalSummary {
  @ApiProperty({ description: '领衔提交（不含草稿、撤回）' }) led!: number;
  @ApiProperty({ description: '领衔且立案' }) ledAccepted!: number;
  @ApiProperty({ description: '领衔的重点提案' }) key!: number;
  @ApiProperty({ description: '领衔的优秀提案' }) excellent!: number;
  @ApiProperty({ description: '附议（已确认）' }) cosigned!: number;
  @ApiProperty({ description: '附议且立案' }) cosignedAccepted!: number;
}

export class AttendanceSummary {
  @ApiProperty({ description: '应参加（受邀）' }) invited!: number;
  @ApiProperty({ description: '出席' }) attended!: number;
  @ApiProperty({ description: '请假' }) excused!: number;
  @ApiProperty({ description: '缺席' }) absent!: number;
  @ApiProperty({ description: '尚未记录出勤' }) unrecorded!: number;
}

export class OpinionRecordSummary {
  @ApiProperty({ description: '报送（署名其中，不含草稿）' }) submitted!: number;
  @ApiProperty({ description: '采用编报' }) accepted!: number;
  @ApiProperty({ description: '被上级采用（次，各层级合计）' }) adopted!: number;
  @ApiProperty({ description: '获领导批示' }) instructed!: number;
}

export class RecordSummary {
  @ApiProperty({ type: ProposalSummary }) proposals!: ProposalSummary;
  @ApiProperty({ type: AttendanceSummary, description: '协商会议' }) meetings!: AttendanceSummary;
  @ApiProperty({ description: '会议发言' }) speeches!: number;
  @ApiProperty({ description: '所提议题的成果被采纳（已落实）' }) outcomesAdopted!: number;
  @ApiProperty({ type: AttendanceSummary, nullable: true, description: '视察调研；视察调研模块上线前为 null' })
  visits!: AttendanceSummary | null;
  @ApiProperty({ type: OpinionRecordSummary, description: '社情民意信息' }) opinions!: OpinionRecordSummary;
}

export class RecordMemberView {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty() sectorId!: number;
  @ApiProperty() sectorName!: string;
  @ApiProperty({ type: [String] }) committees!: string[];
}

/** 履职档案: one member, one year. */
export class MemberRecordView {
  @ApiProperty({ type: RecordMemberView }) member!: RecordMemberView;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ type: RulesView, description: '计算所用的积分规则' }) rules!: RulesView;
  @ApiProperty({ type: RecordSummary }) summary!: RecordSummary;
  @ApiProperty({ type: [PointsLineView], description: '积分明细，每行指向来源记录' }) lines!: PointsLineView[];
  @ApiProperty({ description: '积分合计' }) points!: number;
  @ApiProperty({ description: '百分制得分：基础分加积分，限 0–100' }) score!: number;
  @ApiProperty({ example: '称职', description: '等次；年度尚未结束时为“年度未结束”' }) grade!: string;
  @ApiProperty({ description: '等次是否已评定（年度结束后）' }) gradeFinal!: boolean;
}

export class RankingRowView {
  @ApiProperty({ description: '名次（同分同名次）' }) rank!: number;
  @ApiProperty({ type: RecordMemberView }) member!: RecordMemberView;
  @ApiProperty({ type: RecordSummary }) summary!: RecordSummary;
  @ApiProperty() points!: number;
  @ApiProperty() score!: number;
  @ApiProperty({ description: '等次；年度尚未结束时为“年度未结束”' }) grade!: string;
  @ApiProperty() gradeFinal!: boolean;
}

export class RankingView {
  @ApiProperty({ type: [RankingRowView] }) items!: RankingRowView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() year!: number;
  @ApiProperty({ description: '年度尚未结束：等次待年度结束后评定，得分为截至今日' }) running!: boolean;
  @ApiProperty({ type: RulesView }) rules!: RulesView;
}
