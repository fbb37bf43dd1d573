import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ParseIdPipe } from '../common/validation';
import { XLSX_MIME } from '../files/xlsx';
import { MemberRecordView, RankingQuery, RankingView, RecordQuery } from './dto/record.dto';
import { RecordExport } from './record-export';
import { RecordsService } from './records.service';

/** 履职档案: one member's year, and the ranking of all members for the office. */
@ApiTags('履职档案')
@ApiBearerAuth()
@Controller('api/v1')
export class RecordsController {
  constructor(
    private readonly records: RecordsService,
    private readonly exporter: RecordExport,
  ) {}

  @Roles('member', 'staff', 'leader')
  @Get('members/:id/record')
  @ApiOperation({
    summary:
      '委员履职档案：一年的提案、会议出勤、发言、成果采纳及积分明细（委员本人、工作人员、领导）；没有记录的年度为空档案',
  })
  @ApiOkResponse({ type: MemberRecordView })
  getMemberRecord(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Query() q: RecordQuery) {
    return this.records.record(actor, id, q.year);
  }

  @Roles('staff', 'leader')
  @Get('records')
  @ApiOperation({ summary: '委员履职排名：按积分从高到低，可按界别、专委会筛选' })
  @ApiOkResponse({ type: RankingView })
  listRecordRanking(@Query() q: RankingQuery) {
    return this.records.ranking(q);
  }

  @Roles('staff', 'leader')
  @Get('records/export.xlsx')
  @ApiOperation({ summary: '导出全体委员本年度履职档案（Excel），筛选条件同排名' })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  exportRecords(@Query() q: RankingQuery, @Res() res: Response): Promise<void> {
    return this.exporter.send(q, res);
  }
}
