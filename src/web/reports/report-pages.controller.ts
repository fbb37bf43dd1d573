import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor, hasRole } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseIdPipe } from '../../common/validation';
import { ReportListQuery } from '../../reports/reports.dto';
import { ReportsService } from '../../reports/reports.service';
import { sendPdf } from '../../reports/send-pdf';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { pageNumber, pagerFor } from '../kit/paging';
import { WebPages } from '../kit/web-pages';

const ids = (raw: unknown): number[] =>
  (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .map((v) => Number(v))
    .filter((n) => Number.isInteger(n) && n > 0);

/**
 * 报告: the list with live status, a report's page with the PDF inline, delivery to leaders, and the leaders'
 * 收文. Requests come from the forms on a proposal's page (and later topics and visits); the service checks
 * every one as the signed-in person.
 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Roles('staff', 'leader', 'member', 'unit')
@Controller('reports')
export class ReportPagesController {
  constructor(
    private readonly reports: ReportsService,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async listReports(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() raw: Record<string, unknown>,
  ): Promise<void> {
    const page = await this.reports.list(actor, Object.assign(new ReportListQuery(), { page: pageNumber(raw.page) }));
    const pending = page.items.some((r) => r.status === 'queued' || r.status === 'rendering');
    this.pages.send(
      req,
      res,
      'reports/index',
      {
        items: page.items,
        pager: pagerFor(page, '/reports', {}),
        refresh: pending ? 3 : null,
        isStaff: hasRole(actor, 'staff'),
      },
      { section: 'reports' },
    );
  }

  @Roles('leader')
  @Get('inbox')
  async showInbox(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Query() raw: Record<string, unknown>,
  ): Promise<void> {
    const page = await this.reports.inbox(actor, Object.assign(new ReportListQuery(), { page: pageNumber(raw.page) }));
    this.pages.send(
      req,
      res,
      'reports/inbox',
      { items: page.items, unread: page.unread, pager: pagerFor(page, '/reports/inbox', {}) },
      { section: 'report-inbox' },
    );
  }

  /** A request from a form (e.g. 生成提案单 on a proposal's page): to the report's page, which follows its status. */
  @Post()
  async requestReport(
    @CurrentUser() actor: Actor,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const subjectId = Number(body.subjectId);
    // 履职档案 names its year; the kind checks the value.
    const year =
      typeof body.year === 'string' && body.year
        ? { params: { year: /^\d+$/.test(body.year) ? Number(body.year) : body.year } }
        : {};
    const report = await this.reports.request(actor, {
      kind: String(body.kind ?? ''),
      ...(typeof body.subjectType === 'string' && body.subjectType
        ? { subject: { type: body.subjectType as 'proposal', id: Number.isInteger(subjectId) ? subjectId : 0 } }
        : {}),
      ...year,
    });
    this.pages.redirect(res, `/reports/${report.id}`);
  }

  @Get(':id')
  showReport(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Query('done') done: unknown,
  ): Promise<void> {
    return this.sendReport(req, res, actor, id, { done: done === 'delivered' ? 'delivered' : null });
  }

  private async sendReport(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    opts: { done?: 'delivered' | null; error?: string; status?: number },
  ): Promise<void> {
    const report = await this.reports.get(actor, id);
    const staff = hasRole(actor, 'staff');
    const delivered = new Set((report.deliveries ?? []).map((d) => d.recipient.id));
    const leaders =
      staff && report.status === 'done'
        ? (await this.reports.leaderAccounts()).map((l) => ({ ...l, delivered: delivered.has(l.id) }))
        : [];
    this.pages.send(
      req,
      res,
      'reports/show',
      {
        report,
        pending: report.status === 'queued' || report.status === 'rendering',
        refresh: report.status === 'queued' || report.status === 'rendering' ? 2 : null,
        canDeliver: staff && report.status === 'done',
        technical: staff || hasRole(actor, 'admin'),
        leaders,
        done: opts.done ?? null,
        error: opts.error ?? null,
      },
      { section: hasRole(actor, 'leader') && !staff ? 'report-inbox' : 'reports', status: opts.status },
    );
  }

  /** The PDF for the page's viewer (inline) or as a download; a recipient opening it leaves the read receipt. */
  @Get(':id/file')
  async reportFile(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Query('download') download: unknown,
    @Res() res: Response,
  ): Promise<void> {
    sendPdf(res, await this.reports.file(actor, id), { inline: download !== '1', framed: true });
  }

  @Roles('staff')
  @Post(':id/deliver')
  async deliver(
    @CurrentUser() actor: Actor,
    @Req() req: AuthedRequest,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const leaderUserIds = ids(body.leaderUserIds);
    if (!leaderUserIds.length)
      return this.sendReport(req, res, actor, id, { error: '请至少选择一位领导', status: 400 });
    try {
      await this.reports.deliver(actor, id, { leaderUserIds });
    } catch (e) {
      if (e instanceof AppError && e.statusCode === 400)
        return this.sendReport(req, res, actor, id, { error: e.message, status: 400 });
      throw e;
    }
    this.pages.redirect(res, `/reports/${id}?done=delivered`);
  }
}
