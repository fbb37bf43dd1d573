import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../../common/actor';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseIdPipe } from '../../common/validation';
import { ReportView } from '../reports.dto';
import { sendPdf } from '../send-pdf';
import { DocumentTextDto, DocumentTextView, NoFieldsDto, ReturnReportDto, RevisionView } from './report-signoff.dto';
import { ReportSignoffService } from './report-signoff.service';

/**
 * 文稿与签发: the documents the office issues (协商要报, 调研报告, 提案办理情况报告) are edited as text, submitted,
 * and signed off by a leader or a configured 签发人 before delivery. Other kinds answer 409 REPORT_NOT_ISSUED.
 */
@ApiTags('报告')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportSignoffController {
  constructor(private readonly signoff: ReportSignoffService) {}

  @Roles('staff', 'leader')
  @Get(':id/text')
  @ApiOperation({ summary: '文稿的最新稿：标题、导语和各节段落（纯文本）' })
  @ApiOkResponse({ type: DocumentTextView })
  getReportText(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.signoff.text(actor, id);
  }

  @Roles('staff')
  @Put(':id/text')
  @ApiOperation({
    summary: '修改文稿：保存为新的一稿并生成预览（仅草稿阶段，工作人员）',
    description:
      '各节的 key 与顺序须与草稿一致；文字按原样印出（不解析 HTML）。带 baseRevision 时，若已有更新的稿次则 409 STALE_REVISION。',
  })
  @ApiOkResponse({ type: DocumentTextView })
  saveReportText(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: DocumentTextDto) {
    return this.signoff.saveText(actor, id, dto);
  }

  @Roles('staff', 'leader')
  @Get(':id/revisions')
  @ApiOperation({ summary: '文稿的各稿次，新的在前；每稿有预览 PDF' })
  @ApiOkResponse({ type: [RevisionView] })
  listReportRevisions(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.signoff.revisions(actor, id);
  }

  @Roles('staff', 'leader')
  @Get(':id/revisions/:revision/file')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: '下载某一稿的预览 PDF（送审稿）' })
  async revisionFile(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('revision', ParseIdPipe) revision: number,
    @Res() res: Response,
  ) {
    sendPdf(res, await this.signoff.revisionFile(actor, id, revision), { inline: false });
  }

  @Roles('staff')
  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: '提交签发：草稿 → 待签发，提醒签发人' })
  @ApiOkResponse({ type: ReportView })
  submitReport(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() _dto: NoFieldsDto) {
    return this.signoff.submit(actor, id);
  }

  @Roles('staff', 'leader')
  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: '退回修改：待签发 → 草稿，附退回意见（领导或签发人）' })
  @ApiOkResponse({ type: ReportView })
  returnReport(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ReturnReportDto) {
    return this.signoff.returnToDraft(actor, id, dto);
  }

  @Roles('staff', 'leader')
  @Post(':id/sign')
  @HttpCode(200)
  @ApiOperation({
    summary: '签发：确定期号/文号、日期和签发人，生成正式文件后方可送达（领导或签发人）',
  })
  @ApiOkResponse({ type: ReportView })
  signReport(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() _dto: NoFieldsDto) {
    return this.signoff.sign(actor, id);
  }
}
