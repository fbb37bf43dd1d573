import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Actor, hasRole } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseIdPipe } from '../../common/validation';
import { InstructionsService } from '../../instructions/instructions.service';
import { ISSUE_KIND, OpinionIssuesService } from '../../opinions/opinion-issues.service';
import { ReportListQuery, ReportView } from '../../reports/reports.dto';
import { ReportsService } from '../../reports/reports.service';
import { sendPdf } from '../../reports/send-pdf';
import { ReportSignoffService } from '../../reports/signoff/report-signoff.service';
import type { InstructionSection } from '../instructions/views';
import { PageCsrfGuard } from '../kit/page-csrf.guard';
import { pageNumber, pagerFor } from '../kit/paging';
import { WebPages } from '../kit/web-pages';

/** What the page says after a step, by `?done=`. */
const DONE_MESSAGES = {
  delivered: '已送达所选领导',
  saved: '已保存为新的一稿，预览正在生成',
  submitted: '已提交签发，已提醒签发人',
  signed: '已签发，正式文件正在生成，生成后可以送达',
  returned: '已退回修改，已通知起草人',
  'note-missing': '退回修改须填写退回意见',
} as const;
type ReportDone = keyof typeof DONE_MESSAGES;

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
@Roles('staff', 'leader', 'member', 'unit', 'facilitator')
@Controller('reports')
export class ReportPagesController {
  constructor(
    private readonly reports: ReportsService,
    private readonly signoff: ReportSignoffService,
    private readonly pages: WebPages,
    private readonly instructions: InstructionsService,
    private readonly opinionIssues: OpinionIssuesService,
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
    // 待签发: the documents submitted for 签发 (issue 17 makes these the leader's todos).
    const awaiting = await this.reports.list(
      actor,
      Object.assign(new ReportListQuery(), { page: 1, pageSize: 50, stage: 'submitted' }),
    );
    this.pages.send(
      req,
      res,
      'reports/inbox',
      {
        items: page.items,
        unread: page.unread,
        pager: pagerFor(page, '/reports/inbox', {}),
        awaiting: awaiting.items,
      },
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
    return this.sendReport(req, res, actor, id, {
      done: typeof done === 'string' && done in DONE_MESSAGES ? (done as ReportDone) : null,
    });
  }

  private async sendReport(
    req: AuthedRequest,
    res: Response,
    actor: Actor,
    id: number,
    opts: { done?: ReportDone | null; error?: string; status?: number },
  ): Promise<void> {
    const report = await this.reports.get(actor, id);
    const staff = hasRole(actor, 'staff');
    const deliverable = staff && report.status === 'done' && (report.stage === 'signed' || report.stage === 'final');
    const delivered = new Set((report.deliveries ?? []).map((d) => d.recipient.id));
    const leaders = deliverable
      ? (await this.reports.leaderAccounts()).map((l) => ({ ...l, delivered: delivered.has(l.id) }))
      : [];
    const issued = report.stage !== 'final';
    const reader = staff || hasRole(actor, 'leader');
    this.pages.send(
      req,
      res,
      'reports/show',
      {
        report,
        pending: report.status === 'queued' || report.status === 'rendering',
        refresh: report.status === 'queued' || report.status === 'rendering' ? 2 : null,
        canDeliver: deliverable,
        technical: staff || hasRole(actor, 'admin'),
        leaders,
        issued,
        canEdit: staff && report.stage === 'draft' && report.revision > 0,
        canSubmit: staff && report.stage === 'draft' && report.revision > 0,
        canSign: report.stage === 'submitted' && this.signoff.canSign(actor),
        revisions: issued && reader && report.revision > 0 ? await this.signoff.revisions(actor, id) : [],
        done: opts.done ? DONE_MESSAGES[opts.done] : null,
        error: opts.error ?? null,
        instructions: await this.instructionSection(actor, report),
        opinionIssue: report.kind === ISSUE_KIND ? await this.opinionIssues.get(actor, id) : null,
      },
      { section: hasRole(actor, 'leader') && !staff ? 'report-inbox' : 'reports', status: opts.status },
    );
  }

  /** 批示: staff see them once the document is delivered (and record paper ones); a leader on one delivered to them. */
  private async instructionSection(actor: Actor, report: ReportView): Promise<InstructionSection | null> {
    const staff = hasRole(actor, 'staff');
    const deliveredToMe = report.readAt !== undefined;
    if (!(staff && report.deliveries?.length) && !(hasRole(actor, 'leader') && deliveredToMe)) return null;
    return {
      list: await this.instructions.onTarget(actor, 'report', report.id),
      recordHref: `/instructions/new?targetType=report&targetId=${report.id}`,
      isStaff: staff,
    };
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
