import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor } from '../common/actor';
import { CurrentUser, Public, Roles } from '../common/auth.decorators';
import { ApiPageResponse } from '../common/openapi';
import { ParseIdPipe } from '../common/validation';
import { XLSX_MIME } from '../files/xlsx';
import { DraftCommentsService } from './draft-comments.service';
import { DraftExport } from './draft-export';
import { DraftsService } from './drafts.service';
import {
  CommentsReceipt,
  CommentView,
  DraftCommentSummaryView,
  DraftHistoryItem,
  DraftSummaryView,
  DraftView,
  PublicCommentsReceipt,
  PublicDraftView,
} from './dto/draft-view.dto';
import {
  CreateCommentsDto,
  CreateDraftDto,
  DisposeCommentDto,
  DraftQuery,
  DraftRevisionQuery,
  OpenDraftDto,
  PublicCommentsDto,
  ReviseDraftDto,
  UpdateDraftDto,
  VersionDto,
} from './dto/draft.dto';

/*
 * 征求意见: drafts put out for comment clause by clause. Roles are checked here; whose draft it is
 * (the organising point, an invited member, a participant of the draft's topic) in the services.
 */

const READERS = ['staff', 'leader', 'member', 'unit', 'facilitator'] as const;
const ORGANISERS = ['staff', 'facilitator'] as const;

@ApiTags('征求意见')
@ApiBearerAuth()
@Controller('api/v1/drafts')
export class DraftsController {
  constructor(
    private readonly drafts: DraftsService,
    private readonly comments: DraftCommentsService,
    private readonly exporter: DraftExport,
  ) {}

  @Roles(...READERS)
  @Get()
  @ApiOperation({ summary: '征求意见稿列表：工作人员和领导看全部，议事点组织者看本议事点的，委员和单位看征求其意见的' })
  @ApiPageResponse(DraftSummaryView)
  listDrafts(@CurrentUser() actor: Actor, @Query() q: DraftQuery) {
    return this.drafts.list(actor, q);
  }

  @Roles(...ORGANISERS)
  @Post()
  @ApiOperation({ summary: '起草征求意见稿（工作人员；议事点组织者限本议事点）：全文按“第X条”拆分，或逐条给出' })
  @ApiCreatedResponse({ type: DraftView })
  createDraft(@CurrentUser() actor: Actor, @Body() dto: CreateDraftDto) {
    return this.drafts.create(actor, dto);
  }

  @Roles(...READERS)
  @Get(':id')
  @ApiOperation({ summary: '征求意见稿：现行文本，或 ?revision= 指定的早先稿次' })
  @ApiOkResponse({ type: DraftView })
  getDraft(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Query() q: DraftRevisionQuery) {
    return this.drafts.get(actor, id, q.revision);
  }

  @Roles(...READERS)
  @Get(':id/history')
  @ApiOkResponse({ type: [DraftHistoryItem] })
  getDraftHistory(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.drafts.history(actor, id);
  }

  @Roles(...ORGANISERS)
  @Patch(':id')
  @ApiOperation({ summary: '修改征求意见稿（组织方，拟稿中）' })
  @ApiOkResponse({ type: DraftView })
  updateDraft(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateDraftDto) {
    return this.drafts.update(actor, id, dto);
  }

  @Roles(...ORGANISERS)
  @Post(':id/open')
  @HttpCode(200)
  @ApiOperation({ summary: '发布征求意见（组织方）：截止时间，是否向公众公开' })
  @ApiOkResponse({ type: DraftView })
  openDraft(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: OpenDraftDto) {
    return this.drafts.open(actor, id, dto);
  }

  @Roles(...ORGANISERS)
  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: '结束征求意见（组织方）；到截止时间由系统结束' })
  @ApiOkResponse({ type: DraftView })
  closeDraft(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VersionDto) {
    return this.drafts.close(actor, id, dto);
  }

  @Roles('staff', 'facilitator', 'member', 'unit')
  @Post(':id/comments')
  @ApiOperation({ summary: '提出意见（征求范围内的委员和单位，逐条或总体）；组织方代录征求意见表时填写提出人姓名' })
  @ApiCreatedResponse({ type: CommentsReceipt })
  commentOnDraft(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: CreateCommentsDto) {
    return this.comments.comment(actor, id, dto);
  }

  @Roles(...ORGANISERS)
  @Get(':id/summary')
  @ApiOperation({ summary: '意见汇总（组织方）：逐条的意见数、意见及处理意见' })
  @ApiOkResponse({ type: DraftCommentSummaryView })
  getDraftSummary(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.comments.summary(actor, id);
  }

  @Roles(...ORGANISERS)
  @Get(':id/export.xlsx')
  @ApiOperation({ summary: '导出意见汇总表（Excel，组织方）：按条款排列的全部意见及处理意见' })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  exportDraftComments(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Res() res: Response,
  ): Promise<void> {
    return this.exporter.send(actor, id, res);
  }

  @Roles(...ORGANISERS)
  @Post(':id/revisions')
  @ApiOperation({ summary: '登记修订稿（组织方，征求意见结束后）：全文或逐条；稿次递增，早先稿次仍可查阅' })
  @ApiCreatedResponse({ type: DraftView })
  reviseDraft(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ReviseDraftDto) {
    return this.drafts.revise(actor, id, dto);
  }
}

@ApiTags('征求意见')
@ApiBearerAuth()
@Controller('api/v1/draft-comments')
export class DraftCommentsController {
  constructor(private readonly comments: DraftCommentsService) {}

  @Roles(...ORGANISERS)
  @Patch(':id')
  @ApiOperation({ summary: '处理意见（组织方，征求意见结束后）：采纳、部分采纳或不采纳（后两者须说明理由）' })
  @ApiOkResponse({ type: CommentView })
  disposeDraftComment(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: DisposeCommentDto,
  ) {
    return this.comments.dispose(actor, id, dto);
  }
}

/** 公开征求意见: a draft the organiser opened to the public, for anyone without signing in. */
@ApiTags('公开')
@Controller('api/v1/public/drafts')
export class PublicDraftsController {
  constructor(private readonly comments: DraftCommentsService) {}

  @Public()
  @Get(':id')
  @ApiOperation({ summary: '向公众公开征求意见的征求意见稿（现行文本，不含意见）' })
  @ApiOkResponse({ type: PublicDraftView })
  getPublicDraft(@Param('id', ParseIdPipe) id: number) {
    return this.comments.publicView(id);
  }

  @Public()
  @Post(':id/comments')
  @ApiOperation({ summary: '公众提出意见：姓名必填，电话选填（不公开）；同一地址每小时有数量限制' })
  @ApiCreatedResponse({ type: PublicCommentsReceipt })
  commentOnPublicDraft(@Param('id', ParseIdPipe) id: number, @Body() dto: PublicCommentsDto, @Req() req: Request) {
    return this.comments.publicComment(id, dto, req.ip ?? 'unknown');
  }
}
