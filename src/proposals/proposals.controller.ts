import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ApiPageResponse } from '../common/openapi';
import { ParseIdPipe } from '../common/validation';
import { XLSX_MIME } from '../files/xlsx';
import { CreateProposalDto, ProposalQuery, UpdateProposalDto, VersionDto } from './dto/file-proposal.dto';
import {
  CoOpinionDto,
  CommunicationDto,
  EvaluateProposalDto,
  ReplyProposalDto,
  RequestExtensionDto,
  ReturnProposalDto,
} from './dto/handle-proposal.dto';
import { ProposalHistoryItem, ProposalSummaryView, ProposalView, SimilarProposalView } from './dto/proposal-view.dto';
import {
  AssignProposalDto,
  ChaseProposalDto,
  DecideExtensionDto,
  MarkExcellentDto,
  ReviewProposalDto,
} from './dto/review-proposal.dto';
import { ProposalExport } from './proposal-export';
import { ProposalHandlingService } from './proposal-handling.service';
import { ProposalReviewService } from './proposal-review.service';
import { ProposalsService } from './proposals.service';

/**
 * 提案. Roles are checked here; whose proposal it is (lead, invited co-signer, assigned
 * unit) in the services. Each workflow step answers with the updated proposal.
 */
@ApiTags('提案')
@ApiBearerAuth()
@Controller('api/v1/proposals')
export class ProposalsController {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly review: ProposalReviewService,
    private readonly handling: ProposalHandlingService,
    private readonly exporter: ProposalExport,
  ) {}

  @Roles('staff', 'leader', 'member', 'unit')
  @Get()
  @ApiOperation({
    summary: '提案列表：委员看自己领衔、附议和并入的，承办单位看交办给本单位的，工作人员和领导看草稿以外的全部',
  })
  @ApiPageResponse(ProposalSummaryView)
  listProposals(@CurrentUser() actor: Actor, @Query() q: ProposalQuery) {
    return this.proposals.list(actor, q);
  }

  // Before `GET :id`, which would take "export.xlsx" for an id.
  @Roles('staff', 'leader')
  @Get('export.xlsx')
  @ApiOperation({ summary: '导出提案列表（Excel）：与列表相同的筛选条件，导出全部符合条件的提案（忽略分页）' })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  exportProposals(@CurrentUser() actor: Actor, @Query() q: ProposalQuery, @Res() res: Response): Promise<void> {
    return this.exporter.send(actor, q, res);
  }

  @Roles('member', 'staff')
  @Post()
  @ApiOperation({ summary: '起草提案：委员提出个人、联名提案；工作人员代录界别、专委会、党派团体提案' })
  @ApiCreatedResponse({ type: ProposalView })
  createProposal(@CurrentUser() actor: Actor, @Body() dto: CreateProposalDto) {
    return this.proposals.create(actor, dto);
  }

  @Roles('staff', 'leader', 'member', 'unit')
  @Get(':id')
  @ApiOkResponse({ type: ProposalView })
  getProposal(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.proposals.get(actor, id);
  }

  @Roles('member', 'staff')
  @Patch(':id')
  @ApiOperation({ summary: '修改草稿（领衔人）' })
  @ApiOkResponse({ type: ProposalView })
  updateProposal(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateProposalDto) {
    return this.proposals.update(actor, id, dto);
  }

  @Roles('staff', 'leader', 'member', 'unit')
  @Get(':id/history')
  @ApiOkResponse({ type: [ProposalHistoryItem] })
  getProposalHistory(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.proposals.history(actor, id);
  }

  @Roles('staff')
  @Get(':id/similar')
  @ApiOperation({
    summary: '相似提案（供并案参考）：按相似度从高到低，不含草稿',
    description: '只列相似度不低于 config/proposals.json 的 similarMinPercent（默认 30%）的提案。',
  })
  @ApiOkResponse({ type: [SimilarProposalView] })
  getSimilarProposals(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.proposals.similar(actor, id);
  }

  @Roles('member')
  @Post(':id/cosign')
  @HttpCode(200)
  @ApiOperation({ summary: '确认附议（受邀的附议人）' })
  @ApiOkResponse({ type: ProposalView })
  cosignProposal(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VersionDto) {
    return this.proposals.cosign(actor, id, dto);
  }

  @Roles('member')
  @Post(':id/decline-cosign')
  @HttpCode(204)
  @ApiOperation({
    summary: '谢绝附议（受邀、尚未确认的附议人）：退出该提案，领衔人收到消息；联名提案因此没有附议人时改为个人提案',
  })
  async declineCosign(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VersionDto) {
    await this.proposals.declineCosign(actor, id, dto);
  }

  @Roles('member', 'staff')
  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: '提交（领衔人；附议人须全部确认）' })
  @ApiOkResponse({ type: ProposalView })
  submitProposal(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VersionDto) {
    return this.proposals.submit(actor, id, dto);
  }

  @Roles('member', 'staff')
  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: '撤回（领衔人，审查前）' })
  @ApiOkResponse({ type: ProposalView })
  withdrawProposal(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VersionDto) {
    return this.proposals.withdraw(actor, id, dto);
  }

  @Roles('staff')
  @Post(':id/review')
  @HttpCode(200)
  @ApiOperation({ summary: '审查：立案、不予立案、转为意见建议或并案' })
  @ApiOkResponse({ type: ProposalView })
  reviewProposal(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ReviewProposalDto) {
    return this.review.review(actor, id, dto);
  }

  @Roles('staff')
  @Post(':id/assign')
  @HttpCode(200)
  @ApiOperation({ summary: '交办：{leadUnitId, coUnitIds?} 主办会办，或 {unitIds:[…]} 分办' })
  @ApiOkResponse({ type: ProposalView })
  assignProposal(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: AssignProposalDto) {
    return this.review.assign(actor, id, dto);
  }

  @Roles('unit')
  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: '退回（主办单位，交办后规定天数内）' })
  @ApiOkResponse({ type: ProposalView })
  returnProposal(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ReturnProposalDto) {
    return this.handling.returnProposal(actor, id, dto);
  }

  @Roles('unit')
  @Post(':id/communications')
  @ApiOperation({ summary: '记录与提案人的沟通（办前、办中、办后）' })
  @ApiCreatedResponse({ type: ProposalView })
  addProposalCommunication(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: CommunicationDto,
  ) {
    return this.handling.communicate(actor, id, dto);
  }

  @Roles('unit')
  @Post(':id/co-opinions')
  @ApiOperation({ summary: '会办意见（会办单位）' })
  @ApiCreatedResponse({ type: ProposalView })
  addProposalCoOpinion(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: CoOpinionDto) {
    return this.handling.coOpinion(actor, id, dto);
  }

  @Roles('unit')
  @Post(':id/reply')
  @HttpCode(200)
  @ApiOperation({ summary: '答复（主办单位；分办时各单位）' })
  @ApiOkResponse({ type: ProposalView })
  replyProposal(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ReplyProposalDto) {
    return this.handling.reply(actor, id, dto);
  }

  @Roles('member', 'staff')
  @Post(':id/evaluate')
  @HttpCode(200)
  @ApiOperation({ summary: '评价办理结果（领衔人）；不满意则重新办理' })
  @ApiOkResponse({ type: ProposalView })
  evaluateProposal(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: EvaluateProposalDto,
  ) {
    return this.handling.evaluate(actor, id, dto);
  }

  @Roles('leader')
  @Post(':id/key')
  @HttpCode(200)
  @ApiOperation({ summary: '确定为重点提案，本人督办' })
  @ApiOkResponse({ type: ProposalView })
  markKeyProposal(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VersionDto) {
    return this.review.markKey(actor, id, dto);
  }

  @Roles('staff')
  @Post(':id/excellent')
  @HttpCode(200)
  @ApiOperation({ summary: '评为（或取消）优秀提案' })
  @ApiOkResponse({ type: ProposalView })
  markExcellentProposal(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: MarkExcellentDto,
  ) {
    return this.review.markExcellent(actor, id, dto);
  }

  @Roles('staff', 'leader')
  @Post(':id/chase')
  @HttpCode(200)
  @ApiOperation({ summary: '催办（工作人员，或重点提案的督办领导）：提醒尚未答复的承办单位；仅限已交办的提案' })
  @ApiOkResponse({ type: ProposalView })
  chaseProposal(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ChaseProposalDto) {
    return this.review.chase(actor, id, dto);
  }

  @Roles('unit')
  @Post(':id/extensions')
  @ApiOperation({ summary: '申请延期（主办或分办单位）' })
  @ApiCreatedResponse({ type: ProposalView })
  requestProposalExtension(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: RequestExtensionDto,
  ) {
    return this.handling.requestExtension(actor, id, dto);
  }

  @Roles('staff')
  @Post(':id/extensions/:extensionId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: '审批延期申请' })
  @ApiOkResponse({ type: ProposalView })
  decideProposalExtension(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('extensionId', ParseIdPipe) extensionId: number,
    @Body() dto: DecideExtensionDto,
  ) {
    return this.review.decideExtension(actor, id, extensionId, dto);
  }
}
