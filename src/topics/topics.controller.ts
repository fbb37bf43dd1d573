import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ApiPageResponse } from '../common/openapi';
import { ArrayBodyPipe, ParseIdPipe } from '../common/validation';
import { NoticeRequestDto } from '../notifications/notice-request.dto';
import { AttendanceDto, CreateMeetingDto, HoldMeetingDto, ParticipantDto, SpeechDto } from './dto/meeting.dto';
import { CreateOutcomeDto, OutcomeQuery, UpdateOutcomeDto } from './dto/outcome.dto';
import {
  MeetingNoticeReceiptsView,
  MeetingView,
  OutcomeListItem,
  OutcomeView,
  TopicHistoryItem,
  TopicSummaryView,
  TopicView,
} from './dto/topic-view.dto';
import { AnswerDto, CreateTopicDto, DeclineTopicDto, EvaluateTopicDto, TopicQuery, VersionDto } from './dto/topic.dto';
import { MeetingNoticeService } from './meeting-notice.service';
import { TopicMeetingsService } from './topic-meetings.service';
import { TopicOutcomesService } from './topic-outcomes.service';
import { TopicPromises } from './topic-promises.service';
import { TopicsService } from './topics.service';

/*
 * 协商议题, 协商会, 协商成果. Roles are checked here; whose topic it is (the organising point,
 * the outcome's unit, a participant) in the services. Each workflow step answers with the
 * updated topic, meeting or outcome.
 */

const READERS = ['staff', 'leader', 'member', 'unit', 'facilitator'] as const;

@ApiTags('协商议题')
@ApiBearerAuth()
@Controller('api/v1/topics')
export class TopicsController {
  constructor(
    private readonly topics: TopicsService,
    private readonly meetings: TopicMeetingsService,
    private readonly outcomes: TopicOutcomesService,
    private readonly promises: TopicPromises,
  ) {}

  @Roles(...READERS)
  @Get()
  @ApiOperation({
    summary:
      '协商议题列表：工作人员和领导看全部，议事点组织者看本议事点的，委员看自己提出、参加和已公开的，承办单位看有本单位成果或参会的；breached=true 为响应承诺超时的议题，missed=answer 等为某一时限超时的',
  })
  @ApiPageResponse(TopicSummaryView)
  listTopics(@CurrentUser() actor: Actor, @Query() q: TopicQuery) {
    return this.topics.list(actor, q);
  }

  @Roles('staff', 'facilitator', 'member')
  @Post()
  @ApiOperation({ summary: '出题：委员、工作人员为任一组织方出题；议事点组织者只为本议事点出题' })
  @ApiCreatedResponse({ type: TopicView })
  createTopic(@CurrentUser() actor: Actor, @Body() dto: CreateTopicDto) {
    return this.topics.create(actor, dto);
  }

  @Roles(...READERS)
  @Get(':id')
  @ApiOperation({ summary: '协商议题：含协商会、按主题排列的协商成果和采纳率' })
  @ApiOkResponse({ type: TopicView })
  getTopic(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.topics.get(actor, id);
  }

  @Roles(...READERS)
  @Get(':id/history')
  @ApiOkResponse({ type: [TopicHistoryItem] })
  getTopicHistory(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.topics.history(actor, id);
  }

  @Roles('staff', 'facilitator')
  @Post(':id/settle')
  @HttpCode(200)
  @ApiOperation({ summary: '定题（组织方）' })
  @ApiOkResponse({ type: TopicView })
  settleTopic(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VersionDto) {
    return this.topics.settle(actor, id, dto);
  }

  @Roles('staff', 'facilitator')
  @Post(':id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: '不予定题（组织方，须说明理由）' })
  @ApiOkResponse({ type: TopicView })
  declineTopic(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: DeclineTopicDto) {
    return this.topics.decline(actor, id, dto);
  }

  @Roles('staff', 'facilitator')
  @Post(':id/meetings')
  @ApiOperation({ summary: '安排协商会（组织方）：第N次协商' })
  @ApiCreatedResponse({ type: MeetingView })
  addTopicMeeting(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: CreateMeetingDto) {
    return this.meetings.add(actor, id, dto);
  }

  @Roles('staff', 'facilitator')
  @Post(':id/outcomes')
  @ApiOperation({ summary: '添加协商成果（组织方）：意见建议（可归入主题）或共识' })
  @ApiCreatedResponse({ type: OutcomeView })
  addTopicOutcome(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: CreateOutcomeDto) {
    return this.outcomes.add(actor, id, dto);
  }

  @Roles('staff', 'facilitator')
  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: '解题（组织方）：协商成果已议定，交付落实' })
  @ApiOkResponse({ type: TopicView })
  resolveTopic(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VersionDto) {
    return this.topics.resolve(actor, id, dto);
  }

  @Roles('member', 'unit')
  @Post(':id/evaluations')
  @ApiOperation({ summary: '评题（参加协商会的委员和单位）：评分 1–5；成果全部办结后的首个评价使议题进入“已评题”' })
  @ApiCreatedResponse({ type: TopicView })
  evaluateTopic(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: EvaluateTopicDto) {
    return this.topics.evaluate(actor, id, dto);
  }

  @Roles('staff')
  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: '结束评题（工作人员）：成果全部办结且评价期已满、无人评价时' })
  @ApiOkResponse({ type: TopicView })
  closeTopic(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VersionDto) {
    return this.topics.close(actor, id, dto);
  }

  @Roles('staff', 'facilitator')
  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: '回应（组织方）：响应承诺的第一个时限，如“252”的2分钟；超时回应记为回应超时' })
  @ApiOkResponse({ type: TopicView })
  acknowledgeTopic(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VersionDto) {
    return this.promises.acknowledge(actor, id, dto);
  }

  @Roles('staff', 'facilitator')
  @Post(':id/answer')
  @HttpCode(200)
  @ApiOperation({
    summary: '答复（组织方，须填写答复内容）：响应承诺的第二个时限，如“252”的5分钟；尚未回应的同时记为回应',
  })
  @ApiOkResponse({ type: TopicView })
  answerTopic(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: AnswerDto) {
    return this.promises.answer(actor, id, dto);
  }

  @Roles('staff', 'facilitator')
  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: '公开协商成果（组织方）' })
  @ApiOkResponse({ type: TopicView })
  publishTopic(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VersionDto) {
    return this.topics.publish(actor, id, dto);
  }
}

@ApiTags('协商议题')
@ApiBearerAuth()
@Controller('api/v1/meetings')
export class MeetingsController {
  constructor(
    private readonly meetings: TopicMeetingsService,
    private readonly notices: MeetingNoticeService,
  ) {}

  @Roles(...READERS)
  @Get(':id')
  @ApiOperation({ summary: '协商会：参会人员、出席情况、发言和会议纪要' })
  @ApiOkResponse({ type: MeetingView })
  getMeeting(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.meetings.get(actor, id);
  }

  @Roles('staff', 'facilitator')
  @Post(':id/participants')
  @ApiOperation({ summary: '登记参会人员（组织方）：[{memberId? | unitId? | name, side}]' })
  @ApiBody({ type: [ParticipantDto] })
  @ApiCreatedResponse({ type: MeetingView })
  addMeetingParticipants(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body(new ArrayBodyPipe(ParticipantDto, '参会人员')) items: ParticipantDto[],
  ) {
    return this.meetings.addParticipants(actor, id, items);
  }

  @Roles('staff', 'facilitator')
  @Post(':id/attendance')
  @HttpCode(200)
  @ApiOperation({ summary: '登记出席情况（组织方）：[{participantId, present, excused?}]' })
  @ApiBody({ type: [AttendanceDto] })
  @ApiOkResponse({ type: MeetingView })
  recordMeetingAttendance(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body(new ArrayBodyPipe(AttendanceDto, '出席情况')) items: AttendanceDto[],
  ) {
    return this.meetings.recordAttendance(actor, id, items);
  }

  @Roles('staff', 'facilitator')
  @Post(':id/speeches')
  @ApiOperation({ summary: '记录发言（组织方）' })
  @ApiCreatedResponse({ type: MeetingView })
  addMeetingSpeech(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: SpeechDto) {
    return this.meetings.addSpeech(actor, id, dto);
  }

  @Roles('staff', 'facilitator')
  @Post(':id/notice')
  @HttpCode(200)
  @ApiOperation({
    summary:
      '发送会议通知（组织方，召开前）：站内消息给每位有账号的参会人员，并按各人设置发邮件和短信；紧急的夜间也发短信',
  })
  @ApiOkResponse({ type: MeetingNoticeReceiptsView })
  sendMeetingNotice(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: NoticeRequestDto) {
    return this.notices.send(actor, id, dto);
  }

  @Roles('staff', 'facilitator')
  @Get(':id/notice-receipts')
  @ApiOperation({
    summary: '通知回执（组织方）：每位参会人员的出席情况，及最近一次会议通知的站内已读、邮件和短信发送情况',
  })
  @ApiOkResponse({ type: MeetingNoticeReceiptsView })
  getMeetingNoticeReceipts(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.notices.receipts(actor, id);
  }

  @Roles('staff', 'facilitator')
  @Post(':id/hold')
  @HttpCode(200)
  @ApiOperation({ summary: '登记召开并填写会议纪要（组织方）；议题的第一次会议使其进入“议题中”' })
  @ApiOkResponse({ type: MeetingView })
  holdMeeting(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: HoldMeetingDto) {
    return this.meetings.hold(actor, id, dto);
  }
}

@ApiTags('协商议题')
@ApiBearerAuth()
@Controller('api/v1/outcomes')
export class OutcomesController {
  constructor(private readonly outcomes: TopicOutcomesService) {}

  @Roles('staff', 'leader', 'unit', 'facilitator')
  @Get()
  @ApiOperation({
    summary:
      '协商成果列表：工作人员和领导看全部，承办单位看本单位负责的，议事点组织者看本议事点议题的；可按状态、是否超期、议题、责任单位筛选',
  })
  @ApiPageResponse(OutcomeListItem)
  listOutcomes(@CurrentUser() actor: Actor, @Query() q: OutcomeQuery) {
    return this.outcomes.list(actor, q);
  }

  @Roles('staff', 'facilitator', 'unit')
  @Patch(':id')
  @ApiOperation({ summary: '反馈协商成果办理情况（组织方或该成果的责任单位）' })
  @ApiOkResponse({ type: OutcomeView })
  updateOutcome(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateOutcomeDto) {
    return this.outcomes.update(actor, id, dto);
  }
}
