import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ApiPageResponse } from '../common/openapi';
import { ParseIdPipe } from '../common/validation';
import { XLSX_MIME } from '../files/xlsx';
import { CommitmentExport } from './commitment-export';
import { CommitmentsService } from './commitments.service';
import {
  CommitmentQuery,
  CommitmentRateQuery,
  CommitmentRatesView,
  CommitmentVerdictDto,
  CommitmentView,
  ReportCommitmentDto,
} from './dto/commitment.dto';

/**
 * 回头看: the commitments (承诺事项) of B/C replies. Roles are checked here; whose commitment it is (the replying
 * unit, the proposers) in the service.
 */
@ApiTags('回头看')
@ApiBearerAuth()
@Controller('api/v1')
export class CommitmentsController {
  constructor(
    private readonly commitments: CommitmentsService,
    private readonly exporter: CommitmentExport,
  ) {}

  @Roles('staff', 'leader', 'unit', 'member')
  @Get('commitments')
  @ApiOperation({
    summary:
      '回头看列表：工作人员和领导看全部承诺事项，承办单位看本单位的，委员看自己领衔或附议的提案的；可按年度、单位、答复分类、状态筛选',
  })
  @ApiPageResponse(CommitmentView)
  listCommitments(@CurrentUser() actor: Actor, @Query() q: CommitmentQuery) {
    return this.commitments.list(actor, q);
  }

  // Before `commitments/:id`, which would take "export.xlsx" for an id.
  @Roles('staff', 'leader')
  @Get('commitments/export.xlsx')
  @ApiOperation({ summary: '导出回头看列表（Excel）：与列表相同的筛选条件，导出全部（忽略分页）' })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  exportCommitments(@CurrentUser() actor: Actor, @Query() q: CommitmentQuery, @Res() res: Response): Promise<void> {
    return this.exporter.send(actor, q, res);
  }

  // Before `commitments/:id`, which would take "rates" for an id.
  @Roles('staff', 'leader')
  @Get('commitments/rates')
  @ApiOperation({ summary: '承诺事项按期兑现率（按承办单位）：无可评估的承诺时兑现率为 null' })
  @ApiOkResponse({ type: CommitmentRatesView })
  commitmentRates(@Query() q: CommitmentRateQuery) {
    return this.commitments.rates(q);
  }

  @Roles('staff', 'leader', 'member', 'unit')
  @Get('commitments/:id')
  @ApiOkResponse({ type: CommitmentView })
  getCommitment(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.commitments.get(actor, id);
  }

  @Roles('staff', 'leader', 'member', 'unit')
  @Get('proposals/:id/commitments')
  @ApiOperation({ summary: '提案答复中的承诺事项（能查看该提案的人）' })
  @ApiOkResponse({ type: CommitmentView, isArray: true })
  proposalCommitments(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.commitments.forProposal(actor, id);
  }

  @Roles('unit')
  @Post('commitments/:id/report')
  @HttpCode(200)
  @ApiOperation({ summary: '报告落实情况（作出承诺的承办单位；到期前也可报告）' })
  @ApiOkResponse({ type: CommitmentView })
  reportCommitment(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: ReportCommitmentDto,
  ) {
    return this.commitments.report(actor, id, dto);
  }

  @Roles('member', 'staff')
  @Post('commitments/:id/verdict')
  @HttpCode(200)
  @ApiOperation({ summary: '评判承诺是否兑现（提案人；工作人员代录的团体提案由代录人评判），须在单位报告后' })
  @ApiOkResponse({ type: CommitmentView })
  commitmentVerdict(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: CommitmentVerdictDto,
  ) {
    return this.commitments.verdict(actor, id, dto);
  }
}
