import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ApiPageResponse } from '../common/openapi';
import { ParseIdPipe } from '../common/validation';
import { MergeOpinionsDto } from './dto/opinion-issue.dto';
import {
  CreateOpinionDto,
  OpinionQuery,
  OpinionSummaryView,
  OpinionView,
  ReviewOpinionDto,
  SimilarItemsView,
  UpdateOpinionDto,
  VersionDto,
} from './dto/opinion.dto';
import { OpinionMergeService } from './opinion-merge.service';
import { OpinionReviewService } from './opinion-review.service';
import { OpinionsService } from './opinions.service';

/**
 * 社情民意信息. Roles are checked here; whose item it is (its contributors, the staff who filed it) in the
 * services: someone else's item is a 404. Leaders, units and facilitators have no part in this first half.
 */
@ApiTags('社情民意')
@ApiBearerAuth()
@Controller('api/v1/opinions')
export class OpinionsController {
  constructor(
    private readonly opinions: OpinionsService,
    private readonly reviews: OpinionReviewService,
    private readonly merges: OpinionMergeService,
  ) {}

  @Roles('staff')
  @Post('merge')
  @ApiOperation({
    summary: '合并为综合信息：两条以上“采用编报”的信息合为一条（保留全部署名），原信息标为已合并；署名委员收到通知',
  })
  @ApiCreatedResponse({ type: OpinionView })
  mergeOpinions(@CurrentUser() actor: Actor, @Body() dto: MergeOpinionsDto) {
    return this.merges.merge(actor, dto);
  }

  @Roles('member', 'staff')
  @Get()
  @ApiOperation({
    summary: '社情民意信息列表：委员看本人报送和联名的，工作人员看草稿以外的全部（及本人代录的草稿）；q 全文检索',
  })
  @ApiPageResponse(OpinionSummaryView)
  listOpinions(@CurrentUser() actor: Actor, @Query() q: OpinionQuery) {
    return this.opinions.list(actor, q);
  }

  @Roles('member', 'staff')
  @Post()
  @ApiOperation({ summary: '起草：委员（个人、联名或信息员）报送；工作人员代录界别、专委会、民主党派、工商联的信息' })
  @ApiCreatedResponse({ type: OpinionView })
  createOpinion(@CurrentUser() actor: Actor, @Body() dto: CreateOpinionDto) {
    return this.opinions.create(actor, dto);
  }

  @Roles('member', 'staff')
  @Get(':id')
  @ApiOkResponse({ type: OpinionView })
  getOpinion(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.opinions.get(actor, id);
  }

  @Roles('member', 'staff')
  @Patch(':id')
  @ApiOperation({ summary: '修改：报送人改草稿或被退回的信息；工作人员编辑已报送的信息（保留原文）' })
  @ApiOkResponse({ type: OpinionView })
  updateOpinion(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateOpinionDto) {
    return this.opinions.update(actor, id, dto);
  }

  @Roles('member', 'staff')
  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: '报送（报送人；退回修改后可再次报送）' })
  @ApiOkResponse({ type: OpinionView })
  submitOpinion(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VersionDto) {
    return this.opinions.submit(actor, id, dto);
  }

  @Roles('staff')
  @Post(':id/review')
  @HttpCode(200)
  @ApiOperation({ summary: '审核：采用编报、存档（须说明理由）或退回修改（须写修改意见）' })
  @ApiOkResponse({ type: OpinionView })
  reviewOpinion(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ReviewOpinionDto) {
    return this.reviews.review(actor, id, dto);
  }

  @Roles('staff')
  @Get(':id/similar')
  @ApiOperation({ summary: '相似的社情民意信息和相似提案（审核参考），按相似度从高到低，不含草稿' })
  @ApiOkResponse({ type: SimilarItemsView })
  getSimilarOpinions(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.opinions.similar(actor, id);
  }
}
