import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ApiPageResponse } from '../common/openapi';
import { ParseIdPipe } from '../common/validation';
import { Upload } from '../files/attachments.service';
import { ApiFileUpload } from '../files/upload.interceptor';
import { ProposalView } from '../proposals/dto/proposal-view.dto';
import { TopicHistoryItem, TopicView } from '../topics/dto/topic-view.dto';
import {
  ConflictView,
  FreeBusyView,
  PhotoView,
  VisitNoticeReceiptsView,
  VisitSummaryView,
  VisitView,
} from './dto/visit-view.dto';
import {
  CancelVisitDto,
  ConflictQuery,
  CreateVisitDto,
  FindingDto,
  FreeBusyQuery,
  InviteesDto,
  RsvpDto,
  UpdateVisitDto,
  VersionDto,
  VisitProposalDto,
  VisitNoticeDto,
  VisitQuery,
  VisitTopicDto,
} from './dto/visit.dto';
import { VisitFollowUpsService } from './visit-follow-ups.service';
import { VisitNoticeService } from './visit-notice.service';
import { VisitParticipantsService } from './visit-participants.service';
import { VisitPlanningService } from './visit-planning.service';
import { photoAnswer, VisitRecordsService } from './visit-records.service';
import { VisitsService } from './visits.service';

/*
 * 视察调研 (API.md "Field visits"). Roles here; whose visit it is (invited or not) in the services.
 * Each step answers with the updated visit.
 */

const READERS = ['staff', 'leader', 'member', 'unit'] as const;

@ApiTags('视察调研')
@ApiBearerAuth()
@Controller('api/v1/visits')
export class VisitsController {
  constructor(
    private readonly visits: VisitsService,
    private readonly participants: VisitParticipantsService,
    private readonly records: VisitRecordsService,
    private readonly planning: VisitPlanningService,
    private readonly followUps: VisitFollowUpsService,
    private readonly notices: VisitNoticeService,
  ) {}

  @Roles(...READERS)
  @Get()
  @ApiOperation({ summary: '视察调研列表：工作人员和领导看全部，委员、单位看受邀的；带 from 时按时间先后' })
  @ApiPageResponse(VisitSummaryView)
  listVisits(@CurrentUser() actor: Actor, @Query() q: VisitQuery) {
    return this.visits.list(actor, q);
  }

  @Roles('staff')
  @Post()
  @ApiOperation({
    summary: '安排视察调研（工作人员）：行程、受邀人员；有日程冲突时 409 并列出 details.conflicts，除非 allowConflicts',
  })
  @ApiCreatedResponse({ type: VisitView })
  createVisit(@CurrentUser() actor: Actor, @Body() dto: CreateVisitDto) {
    return this.visits.create(actor, dto);
  }

  @Roles('staff')
  @Get('free-busy')
  @ApiOperation({ summary: '委员忙闲（工作人员选日子用）：每位委员在日期范围内的视察调研和协商会，及每天有安排的委员' })
  @ApiQuery({ name: 'memberIds', type: String, example: '12,15,18' })
  @ApiOkResponse({ type: FreeBusyView })
  getVisitFreeBusy(@Query() q: FreeBusyQuery) {
    return this.planning.freeBusy(q);
  }

  @Roles('staff')
  @Get('conflicts')
  @ApiOperation({ summary: '冲突检查（工作人员选人时）：所选委员、工作人员在该时间的其他安排；不写入任何内容' })
  @ApiOkResponse({ type: [ConflictView] })
  checkVisitConflicts(@Query() q: ConflictQuery) {
    return this.planning.conflicts(q);
  }

  @Roles(...READERS)
  @Get(':id')
  @ApiOperation({ summary: '视察调研：行程、受邀人员及答复、问题建议、照片、据此提出的议题和提案' })
  @ApiOkResponse({ type: VisitView })
  getVisit(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.visits.get(actor, id);
  }

  @Roles(...READERS)
  @Get(':id/history')
  @ApiOkResponse({ type: [TopicHistoryItem] })
  getVisitHistory(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.visits.history(actor, id);
  }

  @Roles('staff')
  @Patch(':id')
  @ApiOperation({ summary: '修改行程（工作人员，已安排时）：时间变动时重新检查冲突并通知受邀人员' })
  @ApiOkResponse({ type: VisitView })
  updateVisit(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateVisitDto) {
    return this.visits.update(actor, id, dto);
  }

  @Roles('staff')
  @Post(':id/participants')
  @ApiOperation({ summary: '邀请更多人员（工作人员）：委员、工作人员、受邀单位人员；检查冲突' })
  @ApiCreatedResponse({ type: VisitView })
  inviteVisitParticipants(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: InviteesDto) {
    return this.participants.invite(actor, id, dto);
  }

  @Roles('staff')
  @Delete(':id/participants/:participantId')
  @ApiOperation({ summary: '取消对某人的邀请（工作人员）' })
  @ApiOkResponse({ type: VisitView })
  removeVisitParticipant(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('participantId', ParseIdPipe) participantId: number,
  ) {
    return this.participants.uninvite(actor, id, participantId, {});
  }

  @Roles('member', 'staff')
  @Post(':id/rsvp')
  @HttpCode(200)
  @ApiOperation({ summary: '答复（受邀委员或工作人员本人）：参加，或请假并说明理由' })
  @ApiOkResponse({ type: VisitView })
  answerVisit(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: RsvpDto) {
    return this.participants.rsvp(actor, id, dto);
  }

  @Roles('staff')
  @Post(':id/notice')
  @ApiOperation({
    summary:
      '发送会议通知（工作人员，已安排时）：站内消息给每位未请假的受邀人员，并按各人设置发邮件和短信；紧急的夜间也发短信',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: VisitNoticeReceiptsView })
  sendVisitNotice(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VisitNoticeDto) {
    return this.notices.send(actor, id, dto);
  }

  @Roles('staff')
  @Get(':id/notice-receipts')
  @ApiOperation({
    summary: '通知回执（工作人员）：每位受邀人员的答复，及最近一次会议通知的站内已读、邮件和短信发送情况',
  })
  @ApiOkResponse({ type: VisitNoticeReceiptsView })
  getVisitNoticeReceipts(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.notices.receipts(actor, id);
  }

  @Roles('staff')
  @Post(':id/findings')
  @ApiOperation({ summary: '记录发现的问题和意见建议（工作人员），可注明站点' })
  @ApiCreatedResponse({ type: VisitView })
  addVisitFinding(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: FindingDto) {
    return this.records.addFinding(actor, id, dto);
  }

  @Roles('staff')
  @Post(':id/photos')
  @ApiFileUpload()
  @ApiOperation({ summary: '上传照片（工作人员）：JPEG 或 PNG，按文件内容判断，大小受 XS_UPLOAD_MAX_MB 限制' })
  @ApiCreatedResponse({ type: PhotoView })
  addVisitPhoto(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @UploadedFile() file: Upload | undefined,
  ) {
    return this.records.addPhoto(actor, id, file);
  }

  @Roles(...READERS)
  @Get(':id/photos/:photoId')
  @ApiOperation({ summary: '照片（可查看该视察调研者）；preview=1 给出照片内嵌的缩略图（没有时为原图）' })
  @ApiQuery({ name: 'preview', required: false, enum: ['1'] })
  @ApiProduces('image/jpeg', 'image/png')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async getVisitPhoto(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('photoId', ParseIdPipe) photoId: number,
    @Query('preview') preview: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return photoAnswer(await this.records.openPhoto(actor, id, photoId, preview === '1'), res);
  }

  @Roles('staff')
  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: '标记为已完成（工作人员，活动开始后）' })
  @ApiOkResponse({ type: VisitView })
  completeVisit(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VersionDto) {
    return this.visits.complete(actor, id, dto);
  }

  @Roles('staff')
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: '取消（工作人员）：通知所有未请假的受邀人员' })
  @ApiOkResponse({ type: VisitView })
  cancelVisit(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: CancelVisitDto) {
    return this.visits.cancel(actor, id, dto);
  }

  @Roles('staff')
  @Post(':id/topics')
  @ApiOperation({ summary: '据此提出协商议题（工作人员）：来源为视察调研，并关联本次活动' })
  @ApiCreatedResponse({ type: TopicView })
  raiseVisitTopic(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VisitTopicDto) {
    return this.followUps.raiseTopic(actor, id, dto);
  }

  @Roles('member')
  @Post(':id/proposals')
  @ApiOperation({ summary: '据此起草提案（受邀委员）：个人提案草稿，情况分析和具体建议默认取自本次发现的问题和建议' })
  @ApiCreatedResponse({ type: ProposalView })
  startVisitProposal(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VisitProposalDto) {
    return this.followUps.startProposal(actor, id, dto);
  }
}
