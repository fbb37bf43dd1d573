import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { User } from '../../auth/user.entity';
import { Actor, hasRole } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { yearOf } from '../../common/time-zone';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ORGANIZATION, Organization } from '../../config/organization';
import { nextCount } from '../../database/counters';
import { findForUpdate } from '../../database/rows';
import { Tx } from '../../database/tx';
import { JobQueue } from '../../jobs/job-queue';
import { NotificationsService } from '../../notifications/notifications.service';
import { RENDER_JOB, renderJobOf } from '../render-jobs';
import { Report, REPORT_STATUS_LABELS, ReportIssueCounter, ReportRevision, unrendered } from '../report.entities';
import type { ReportView } from '../reports.dto';
import { ReportsService } from '../reports.service';
import { signerName } from './document-stamp';
import { checkedText, DocumentText } from './document-text';
import { DocumentTextDto, DocumentTextView, ReturnReportDto, RevisionView } from './report-signoff.dto';
import { nextStage, ReportStage, StageAction } from './report-stages';

/**
 * Drafting and 签发 of the documents the office issues: the text of each revision, saving an edit as the
 * next revision (its preview rendered by the report job), 提交签发, 退回修改 and 签发 — which takes the
 * 第N期/第N号 from the counter at that moment, fixes the date and the 签发人, and has the final rendered from
 * the signed revision. Staff draft; leaders and the configured 签发人 sign; every step is audited.
 */
@Injectable()
export class ReportSignoffService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly reports: ReportsService,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ORGANIZATION) private readonly org: Organization,
  ) {}

  /** Whether the person may sign off: a leader, or a staff account named in `signers` of organization.json. */
  canSign(actor: Actor): boolean {
    return hasRole(actor, 'leader') || (hasRole(actor, 'staff') && this.org.signers.includes(actor.username));
  }

  /** The newest revision's text. */
  async text(actor: Actor, id: number): Promise<DocumentTextView> {
    const report = await this.issued(actor, id);
    const row = await this.revisionRow(report, report.revision);
    return { reportId: id, revision: row.revision, text: JSON.parse(row.text) as DocumentText };
  }

  async revisions(actor: Actor, id: number): Promise<RevisionView[]> {
    const report = await this.issued(actor, id);
    const rows = await this.ds
      .getRepository(ReportRevision)
      .find({ where: { reportId: report.id }, order: { revision: 'DESC' } });
    const people = await this.people(rows.map((r) => r.editedByUserId).filter((u): u is number => u !== null));
    return rows.map((r) => ({
      revision: r.revision,
      title: (JSON.parse(r.text) as DocumentText).title,
      editedBy: r.editedByUserId === null ? null : (people.get(r.editedByUserId) ?? null),
      at: r.at.toISOString(),
      status: r.status,
      error: r.error,
      pages: r.pages,
      sha256: r.sha256,
    }));
  }

  /** A revision's preview PDF (a 送审稿). */
  async revisionFile(actor: Actor, id: number, revision: number): Promise<{ path: string; name: string }> {
    const report = await this.issued(actor, id);
    const row = await this.revisionRow(report, revision);
    if (row.status !== 'done' || !row.filePath)
      throw AppError.conflict(
        'REPORT_NOT_READY',
        `第 ${revision} 稿的预览${REPORT_STATUS_LABELS[row.status]}，还没有文件`,
      );
    const file = path.join(this.config.filesDir, row.filePath);
    if (!fs.existsSync(file)) throw new AppError(500, 'REPORT_FILE_MISSING', '预览文件已丢失');
    return { path: file, name: `${report.title}（第${revision}稿）.pdf` };
  }

  /** Saves the edited text as the next revision (draft only) and has its preview rendered. */
  async saveText(actor: Actor, id: number, dto: DocumentTextDto): Promise<DocumentTextView> {
    const saved = await this.tx.run(async (em) => {
      const report = await this.step(em, actor, id, 'edit');
      if (dto.baseRevision !== undefined && dto.baseRevision !== report.revision)
        throw AppError.conflict('STALE_REVISION', `文稿已有第 ${report.revision} 稿，请刷新后在最新稿上修改`);
      const base = await em.findOneByOrFail(ReportRevision, { reportId: id, revision: report.revision });
      const text = checkedText(dto, JSON.parse(base.text) as DocumentText);
      const revision = report.revision + 1;
      await em.insert(ReportRevision, {
        reportId: id,
        revision,
        text: JSON.stringify(text),
        editedByUserId: actor.id,
        at: this.clock.now(),
        ...unrendered('queued'),
      });
      await em.update(Report, { id }, { revision, title: text.title, status: 'queued', error: null });
      await this.audit.record(em, {
        actor,
        action: 'report.edit',
        entityType: 'report',
        entityId: id,
        from: { revision: report.revision },
        to: { revision, title: text.title },
      });
      return { report: { ...report, revision }, text };
    });
    await this.enqueue(saved.report);
    return { reportId: id, revision: saved.report.revision, text: saved.text };
  }

  /** 提交签发: the signers (leaders and `signers`) are told 「待签发：…」. */
  async submit(actor: Actor, id: number): Promise<ReportView> {
    return this.tx.run(async (em) => {
      const report = await this.step(em, actor, id, 'submit');
      if (report.revision < 1) throw AppError.conflict('REPORT_NOT_READY', '草稿正在生成，生成后才能提交签发');
      await em.update(Report, { id }, { stage: 'submitted', returnNote: null });
      await this.record(em, actor, 'report.submit', report, 'submitted', { revision: report.revision });
      await this.notifications.notify(em, await this.signerIds(em), {
        kind: 'report.submitted',
        title: `待签发：${report.title}`.slice(0, 200),
        body: `${actor.displayName}提交了《${report.title}》（第${report.revision}稿），请审阅后签发或退回修改。`,
        link: `/reports/${id}`,
        dedupeKey: `report:${id}:submitted:${this.clock.now().getTime()}`,
      });
      return this.reports.view(em, actor, { ...report, stage: 'submitted', returnNote: null });
    });
  }

  /** 退回修改: back to draft with a note the drafter sees; the requester and the last editor are told. */
  async returnToDraft(actor: Actor, id: number, dto: ReturnReportDto): Promise<ReportView> {
    const note = dto.note.trim();
    if (!note) throw AppError.invalidField('note', '请填写退回意见');
    return this.tx.run(async (em) => {
      const report = await this.step(em, actor, id, 'return');
      await em.update(Report, { id }, { stage: 'draft', returnNote: note });
      await this.record(em, actor, 'report.return', report, 'draft', { revision: report.revision }, note);
      const last = await em.findOneBy(ReportRevision, { reportId: id, revision: report.revision });
      await this.notifications.notify(
        em,
        [report.requestedByUserId, ...(last?.editedByUserId ? [last.editedByUserId] : [])],
        {
          kind: 'report.returned',
          title: `退回修改：${report.title}`.slice(0, 200),
          body: `${actor.displayName}退回了《${report.title}》：${note}`.slice(0, 1000),
          link: `/reports/${id}`,
          dedupeKey: `report:${id}:returned:${this.clock.now().getTime()}`,
        },
      );
      return this.reports.view(em, actor, { ...report, stage: 'draft', returnNote: note });
    });
  }

  /**
   * 签发: fixes the number (taken now, so numbers run in signing order), the date and the 签发人, and has the
   * final rendered from the signed revision; delivery waits for it.
   */
  async sign(actor: Actor, id: number): Promise<ReportView> {
    const signed = await this.tx.run(async (em) => {
      const report = await this.step(em, actor, id, 'sign');
      const now = this.clock.now();
      const issueNo = await this.issueNumber(em, report, now);
      const preview = await em.findOneBy(ReportRevision, { reportId: id, revision: report.revision });
      const patch: Partial<Report> = {
        stage: 'signed',
        issueNo,
        signedRevision: report.revision,
        signedAt: now,
        signedByUserId: actor.id,
        signerName: signerName(actor.displayName),
        ...unrendered('queued'),
        // The final's own tries: the drafts' renders are not its attempts.
        attempts: 0,
        finishedAt: null,
      };
      await em.update(Report, { id }, patch);
      await this.record(em, actor, 'report.sign', report, 'signed', {
        revision: report.revision,
        issueNo,
        signer: patch.signerName,
        previewSha256: preview?.sha256 ?? null,
      });
      return { ...report, ...patch } as Report;
    });
    await this.enqueue(signed);
    return this.reports.view(this.ds.manager, actor, signed);
  }

  /** 第N期 / 第N号 of the publication, taken from its counter for the year of 签发; none for unnumbered kinds. */
  private async issueNumber(em: EntityManager, report: Report, now: Date): Promise<number | null> {
    if (!report.publication) return null;
    const key = { publication: report.publication, year: yearOf(now, this.config.displayTimeZone) };
    return nextCount(em, ReportIssueCounter, key, 'last');
  }

  /** Loads the report locked, checks the caller may take the step and the stage allows it (403 / 409). */
  private async step(em: EntityManager, actor: Actor, id: number, action: StageAction): Promise<Report> {
    await this.reports.readable(actor, id);
    const report = await findForUpdate(em, Report, id);
    if (!report) throw AppError.notFound('报告', 'REPORT_NOT_FOUND');
    const signing = action === 'sign' || action === 'return';
    if (signing && !this.canSign(actor)) throw AppError.forbidden('只有领导或配置的签发人可以签发或退回文稿');
    if (!signing && !hasRole(actor, 'staff')) throw AppError.forbidden('只有工作人员可以修改和提交文稿');
    const decision = nextStage(report.stage, action);
    if (!decision.ok) throw AppError.conflict('REPORT_STAGE_CONFLICT', decision.reason, { stage: report.stage });
    return report;
  }

  private record(
    em: EntityManager,
    actor: Actor,
    action: string,
    report: Report,
    to: ReportStage,
    details: Record<string, unknown>,
    comment?: string,
  ) {
    return this.audit.record(em, {
      actor,
      action,
      entityType: 'report',
      entityId: report.id,
      from: report.stage,
      to: { stage: to, ...details },
      ...(comment ? { comment } : {}),
    });
  }

  /** A report the caller may read that is a document the office issues (409 for the others). */
  private async issued(actor: Actor, id: number): Promise<Report> {
    const report = await this.reports.readable(actor, id);
    if (report.stage === 'final') throw AppError.conflict('REPORT_NOT_ISSUED', '该报告不需要签发，没有可修改的文稿');
    return report;
  }

  private async revisionRow(report: Report, revision: number): Promise<ReportRevision> {
    if (report.revision < 1) throw AppError.conflict('REPORT_NOT_READY', '草稿正在生成，请稍候');
    const row = await this.ds.getRepository(ReportRevision).findOneBy({ reportId: report.id, revision });
    if (!row) throw AppError.notFound(`第 ${revision} 稿`, 'REVISION_NOT_FOUND');
    return row;
  }

  private async enqueue(report: Pick<Report, 'id' | 'stage' | 'revision'>): Promise<void> {
    const { jobId, data } = renderJobOf(report);
    await this.jobs.enqueue(RENDER_JOB.queue, RENDER_JOB.name, data, { jobId });
  }

  /** Leaders in use, and the staff accounts named as 签发人. */
  private async signerIds(em: EntityManager): Promise<number[]> {
    const users = await em.find(User, {
      where: { disabled: false },
      select: { id: true, username: true, roleList: true },
    });
    return users
      .filter((u) => u.roles.includes('leader') || (u.roles.includes('staff') && this.org.signers.includes(u.username)))
      .map((u) => u.id);
  }

  private async people(ids: number[]): Promise<Map<number, { id: number; displayName: string }>> {
    const unique = [...new Set(ids)];
    const users = unique.length
      ? await this.ds.getRepository(User).find({ where: { id: In(unique) }, select: { id: true, displayName: true } })
      : [];
    return new Map(users.map((u) => [u.id, { id: u.id, displayName: u.displayName }]));
  }
}
