import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ParseIdPipe } from '../common/validation';
import { XLSX_MIME } from '../files/xlsx';
import { AdoptionView, CreateAdoptionDto, OpinionStatsQuery, OpinionStatsView } from './dto/opinion-outcome.dto';
import { OpinionAdoptionsService } from './opinion-adoptions.service';
import { OpinionStatsExport } from './opinion-stats-export';
import { OpinionStatsService } from './opinion-stats.service';

/**
 * 社情民意 outcomes: 采用 by upper bodies (staff record; whoever may read the item reads them) and the year's
 * statistics (staff, leaders). Registered before OpinionsController, whose `GET :id` would take "stats".
 */
@ApiTags('社情民意')
@ApiBearerAuth()
@Controller('api/v1/opinions')
export class OpinionOutcomesController {
  constructor(
    private readonly adoptions: OpinionAdoptionsService,
    private readonly stats: OpinionStatsService,
    private readonly exporter: OpinionStatsExport,
  ) {}

  @Roles('staff', 'leader')
  @Get('stats')
  @ApiOperation({
    summary: '社情民意统计：按委员、界别、专委会、月份的报送、编报、各层级采用条数，编报率和采用率（无报送时为 null）',
  })
  @ApiOkResponse({ type: OpinionStatsView })
  getOpinionStats(@Query() q: OpinionStatsQuery) {
    return this.stats.forYear(q.year);
  }

  @Roles('staff', 'leader')
  @Get('stats.xlsx')
  @ApiOperation({ summary: '导出社情民意统计（Excel）：按委员、界别、专委会、月份各一张表' })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  exportOpinionStats(@Query() q: OpinionStatsQuery, @Res() res: Response): Promise<void> {
    return this.exporter.send(q.year, res);
  }

  @Roles('member', 'staff')
  @Get(':id/adoptions')
  @ApiOperation({ summary: '该信息被上级采用的情况（全国政协、省政协、市委、市政府等），按采用日期' })
  @ApiOkResponse({ type: [AdoptionView] })
  listOpinionAdoptions(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.adoptions.list(actor, id);
  }

  @Roles('staff')
  @Post(':id/adoptions')
  @ApiOperation({ summary: '登记上级采用（采用编报以后）：采用单位层级、名称、刊物期号、日期；告知全部署名人' })
  @ApiCreatedResponse({ type: AdoptionView })
  recordOpinionAdoption(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: CreateAdoptionDto,
  ) {
    return this.adoptions.record(actor, id, dto);
  }

  @Roles('staff')
  @Delete(':id/adoptions/:adoptionId')
  @HttpCode(204)
  @ApiOperation({
    summary: '删除误录的上级采用记录（工作人员；记入审计日志，告知署名人，相应履职积分随之取消）',
  })
  @ApiNoContentResponse()
  removeOpinionAdoption(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('adoptionId', ParseIdPipe) adoptionId: number,
  ): Promise<void> {
    return this.adoptions.remove(actor, id, adoptionId);
  }
}
