import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ParseIdPipe } from '../common/validation';
import { DeliverReportDto, InboxItemView, ReportListQuery, ReportView, RequestReportDto } from './reports.dto';
import { ReportsService } from './reports.service';
import { sendPdf } from './send-pdf';

/** 报告: requests rendered by the worker, their PDFs, and delivery to leaders. */
@ApiTags('报告')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Roles('staff', 'leader', 'member', 'unit', 'facilitator')
  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: '申请生成报告：登记后排队，由后台进程生成 PDF（202）',
    description:
      '同一人对同一对象、同一参数的相同申请，若上一份仍在排队或生成中，或刚生成不久且对象未变，则返回那一份（200），不再重复生成；' +
      '每人每小时申请次数有限，超出为 429 REPORT_QUOTA_EXCEEDED（Retry-After）。',
  })
  @ApiAcceptedResponse({ type: ReportView, description: '新登记的报告，已排队' })
  @ApiOkResponse({ type: ReportView, description: '相同申请已有的报告（未重复生成）' })
  @ApiTooManyRequestsResponse({ description: '超过每小时申请次数（REPORT_QUOTA_EXCEEDED）' })
  async requestReport(
    @CurrentUser() actor: Actor,
    @Body() dto: RequestReportDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportView> {
    const { report, reused } = await this.reports.requestOrReuse(actor, dto);
    if (reused) res.status(200);
    return report;
  }

  @Roles('staff', 'leader', 'member', 'unit', 'facilitator')
  @Get()
  @ApiOperation({ summary: '报告列表：工作人员看全部，其他人看自己申请的和送达自己的' })
  listReports(@CurrentUser() actor: Actor, @Query() q: ReportListQuery) {
    return this.reports.list(actor, q);
  }

  @Roles('staff', 'leader', 'member', 'unit', 'facilitator')
  @Get(':id')
  @ApiOkResponse({ type: ReportView })
  getReport(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.reports.get(actor, id);
  }

  @Roles('staff', 'leader', 'member', 'unit', 'facilitator')
  @Get(':id/file')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: '下载报告 PDF；送达的领导打开即记为已读' })
  async reportFile(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Query('inline') inline: string | undefined,
    @Res() res: Response,
  ) {
    sendPdf(res, await this.reports.file(actor, id), { inline: inline === '1' });
  }

  @Roles('staff')
  @Post(':id/deliver')
  @HttpCode(200)
  @ApiOperation({ summary: '送达领导：进入领导的收文，并发消息提醒' })
  @ApiOkResponse({ type: ReportView })
  deliverReport(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: DeliverReportDto) {
    return this.reports.deliver(actor, id, dto);
  }
}

/** 收文: the reports delivered to the caller (leaders), with read receipts. */
@ApiTags('报告')
@ApiBearerAuth()
@Controller('api/v1/inbox')
export class ReportInboxController {
  constructor(private readonly reports: ReportsService) {}

  @Roles('leader')
  @Get()
  @ApiOkResponse({ type: [InboxItemView] })
  listInbox(@CurrentUser() actor: Actor, @Query() q: ReportListQuery) {
    return this.reports.inbox(actor, q);
  }

  @Roles('leader')
  @Post(':reportId/read')
  @HttpCode(204)
  async readInboxItem(@CurrentUser() actor: Actor, @Param('reportId', ParseIdPipe) reportId: number) {
    await this.reports.markRead(actor, reportId);
  }
}
