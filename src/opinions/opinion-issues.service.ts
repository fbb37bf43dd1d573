import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { Tx } from '../database/tx';
import { JobQueue } from '../jobs/job-queue';
import { OPINION_PUBLICATION, OpinionIssueParams } from '../reports/kinds/opinion-issue-kind';
import { RENDER_JOB, renderJobOf } from '../reports/render-jobs';
import { Report } from '../reports/report.entities';
import { ReportsService } from '../reports/reports.service';
import { CompileIssueDto, ISSUE_FORM_LABELS, IssueForm, OpinionIssueView } from './dto/opinion-issue.dto';
import { OpinionMergeService } from './opinion-merge.service';
import { OpinionStore } from './opinion-store';
import { OpinionViews } from './opinion-views';
import { Opinion } from './opinion.entities';

export const ISSUE_KIND = 'opinion-issue';

/**
 * 编入一期《社情民意》: accepted items become one issue — a report of kind `opinion-issue` in the documents'
 * draft → 提交签发 → 签发 (第N期 from the periodical's own counter) loop — and `compiled` with its id, in one
 * transaction. 送达 puts the signed issue in every leader's 收文 and tells each item's contributors its 第N期.
 */
@Injectable()
export class OpinionIssuesService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    private readonly reports: ReportsService,
    private readonly merges: OpinionMergeService,
    private readonly store: OpinionStore,
    private readonly views: OpinionViews,
  ) {}

  async compile(actor: Actor, dto: CompileIssueDto): Promise<OpinionIssueView> {
    const form: IssueForm = dto.form ?? (dto.opinionIds.length === 1 ? 'special' : 'combined');
    if (form === 'special' && dto.opinionIds.length !== 1)
      throw AppError.invalidField('opinionIds', '专报只编入一条信息；多条请编为综合');
    if (form === 'combined' && dto.opinionIds.length < 2)
      throw AppError.invalidField('opinionIds', '综合至少编入两条信息；一条请编为专报');
    const report = await this.tx.run(async (em) => {
      const items = await this.merges.accepted(em, actor, dto.opinionIds, 'compile');
      const title = form === 'special' ? items[0].title : (dto.title ?? `${items[0].title}等${items.length}条社情民意`);
      const params: OpinionIssueParams = { form, opinionIds: items.map((o) => o.id) };
      const now = this.clock.now();
      const row = await em.save(
        em.create(Report, {
          kind: ISSUE_KIND,
          subjectType: null,
          subjectId: null,
          params: JSON.stringify(params),
          title: title.slice(0, 300),
          issueNo: null,
          publication: OPINION_PUBLICATION,
          stage: 'draft',
          revision: 0,
          requestedByUserId: actor.id,
          status: 'queued',
          attempts: 0,
          requestedAt: now,
        }),
      );
      await this.audit.record(em, {
        actor,
        action: 'report.request',
        entityType: 'report',
        entityId: row.id,
        to: { kind: ISSUE_KIND, title: row.title, form, opinionIds: params.opinionIds, stage: 'draft' },
      });
      for (const o of items)
        await this.store.write(em, actor, o, {
          action: 'compile',
          set: { status: 'compiled', issueReportId: row.id },
          details: { issueReportId: row.id },
        });
      return row;
    });
    const { jobId, data } = renderJobOf(report);
    await this.jobs.enqueue(RENDER_JOB.queue, RENDER_JOB.name, data, { jobId });
    return this.view(actor, report.id);
  }

  async get(actor: Actor, reportId: number): Promise<OpinionIssueView> {
    await this.issue(actor, reportId);
    return this.view(actor, reportId);
  }

  /**
   * 送达: the signed issue (409 before 签发 and its final render) to every leader in the system, in 收文; each
   * item's contributors told its 第N期 (once: a second delivery adds no one and tells no one again).
   */
  async deliver(actor: Actor, reportId: number): Promise<OpinionIssueView> {
    await this.issue(actor, reportId);
    const leaders = await this.reports.leaderAccounts();
    await this.reports.deliver(actor, reportId, { leaderUserIds: leaders.map((l) => l.id) }, true);
    await this.tx.run(async (em) => {
      const items = await em.findBy(Opinion, { issueReportId: reportId });
      const ref = await this.views.issueOf(em, reportId);
      for (const o of items)
        await this.store.announce(em, o, 'issued', ref?.label.replace('《社情民意》', '') ?? '', null);
    });
    return this.view(actor, reportId);
  }

  /** A report of this kind the caller may read (404 otherwise, as for any report). */
  private async issue(actor: Actor, reportId: number): Promise<Report> {
    const report = await this.reports.readable(actor, reportId);
    if (report.kind !== ISSUE_KIND) throw AppError.notFound('《社情民意》', 'OPINION_ISSUE_NOT_FOUND');
    return report;
  }

  private async view(actor: Actor, reportId: number): Promise<OpinionIssueView> {
    const report = await this.ds.getRepository(Report).findOneByOrFail({ id: reportId });
    const params = JSON.parse(report.params) as OpinionIssueParams;
    const rows = await this.ds.getRepository(Opinion).findBy({ id: In(params.opinionIds) });
    const summaries = await this.views.summaries(
      this.ds.manager,
      params.opinionIds.map((id) => rows.find((o) => o.id === id)).filter((o): o is Opinion => !!o),
    );
    return {
      report: await this.reports.view(this.ds.manager, actor, report),
      form: params.form,
      formLabel: ISSUE_FORM_LABELS[params.form],
      items: summaries.map((s) => ({ id: s.id, title: s.title, contributorNames: s.contributorNames })),
    };
  }
}
