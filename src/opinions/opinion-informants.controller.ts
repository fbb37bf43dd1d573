import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ParseIdPipe } from '../common/validation';
import {
  AppointInformantDto,
  InformantQuery,
  InformantRosterView,
  InformantView,
  UpdateInformantDto,
} from './dto/opinion-informant.dto';
import { OpinionInformantsService } from './opinion-informants.service';

/**
 * 信息员名单 (staff only): appoint for a year with a monthly quota, adjust, end; the list carries each informant's
 * progress. Registered before OpinionsController, whose `GET :id` would take "informants".
 */
@ApiTags('社情民意')
@ApiBearerAuth()
@Roles('staff')
@Controller('api/v1/opinions/informants')
export class OpinionInformantsController {
  constructor(private readonly informants: OpinionInformantsService) {}

  @Get()
  @ApiOperation({
    summary: '信息员名单：某年度（默认本年）的信息员、每月定额、本月和全年报送条数、至今是否落后（落后的在前）',
  })
  @ApiOkResponse({ type: InformantRosterView })
  listInformants(@Query() q: InformantQuery) {
    return this.informants.roster(q.year);
  }

  @Post()
  @ApiOperation({ summary: '聘任信息员：委员、年度（本年或下一年）、每月定额（默认见配置）、备注；同一委员一年一条' })
  @ApiCreatedResponse({ type: InformantView })
  appointInformant(@CurrentUser() actor: Actor, @Body() dto: AppointInformantDto) {
    return this.informants.appoint(actor, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: '调整每月定额或备注，或解聘（end: true，不可撤销）' })
  @ApiOkResponse({ type: InformantView })
  updateInformant(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateInformantDto) {
    return this.informants.update(actor, id, dto);
  }
}
