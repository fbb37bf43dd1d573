import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../common/actor';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobProcessor } from '../jobs/job-processor.decorator';
import type { JobContext } from '../jobs/job-types';
import { PdfRenderer, PdfRenderError } from './pdf-renderer';
import { RENDER_JOB, RenderPayload } from './render-jobs';
import type { ReportContexts, ReportKind } from './report-contexts';
import { isIssuedKind } from './report-kind';
import { ReportKinds } from './report-kinds';
import { ReportTemplates } from './report-templates';
import { RenderedFile, Report, ReportRevision, unrendered } from './report.entities';
import type { DocumentText } from './signoff/document-text';

/** Where a report's PDF lives, relative to XS_FILES_DIR; a revision's preview beside it (`<id>-r<n>.pdf`). */
export const reportFilePath = (id: number, revision?: number) =>
  path.join('reports', String(Math.floor(id / 1000)), revision ? `${id}-r${revision}.pdf` : `${id}.pdf`);

interface Rendered {
  filePath: string;
  sha256: string;
  pages: number;
  bytes: number;
  ms: number;
}

/** The columns a finished render writes, on a report and on a revision alike. */
const renderedFile = (r: Rendered): RenderedFile => ({
  status: 'done',
  error: null,
  filePath: r.filePath,
  sha256: r.sha256,
  pages: r.pages,
  bytes: r.bytes,
});

/**
 * `reports:render`: the kind's context → its template → Chromium → the file under XS_FILES_DIR/reports.
 * Runs in the worker (or in-process without Redis). A report already done is left alone, so a repeated
 * job never makes a second file; a failed try puts it back to `queued` with the reason while tries
 * remain, and to `failed` with the Chinese reason after the last — never left in `rendering`.
 *
 * A document the office issues (signoff/): its first render pre-fills revision 1 from the data; a saved
 * revision renders its preview (a 送审稿) into the revision's row, and into the report's while it is the
 * newest; after 签发 the final is rendered from the signed revision's text.
 */
@Injectable()
export class ReportRenderJob {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly ds: DataSource,
    private readonly kinds: ReportKinds,
    private readonly templates: ReportTemplates,
    private readonly renderer: PdfRenderer,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @JobProcessor(RENDER_JOB.queue, RENDER_JOB.name)
  async render(job: JobContext<RenderPayload>): Promise<Record<string, unknown>> {
    const repo = this.ds.getRepository(Report);
    const report = await repo.findOneBy({ id: job.data.reportId });
    if (!report) return { skipped: 'missing' };
    if (job.data.revision) return this.renderRevision(job, report, job.data.revision);
    if (report.status === 'done' || report.status === 'failed') return { skipped: report.status };
    const started = this.clock.now();
    await repo.update({ id: report.id }, { status: 'rendering', attempts: report.attempts + 1, startedAt: started });
    try {
      const signed = report.stage === 'signed';
      const revision = signed ? report.signedRevision! : report.revision;
      const preview = report.stage === 'draft' || report.stage === 'submitted';
      const n = preview ? Math.max(revision, 1) : revision;
      const result = await this.make(report, n, !preview);
      await this.ds.transaction(async (em) => {
        await em.update(Report, { id: report.id }, this.done(result));
        if (preview) await em.update(ReportRevision, { reportId: report.id, revision: n }, renderedFile(result));
        await this.audit.record(em, {
          actor: SYSTEM_ACTOR,
          action: 'report.render',
          entityType: 'report',
          entityId: report.id,
          from: 'queued',
          to: {
            status: 'done',
            pages: result.pages,
            bytes: result.bytes,
            sha256: result.sha256,
            ...(report.stage === 'final' ? {} : { stage: report.stage, revision: n }),
          },
        });
      });
      return { pages: result.pages, bytes: result.bytes };
    } catch (e) {
      await this.failed(job, e, async (em, patch) => {
        await em.update(Report, { id: report.id }, patch);
      });
      throw e;
    }
  }

  /** A saved revision's preview: into its row, and the report's while it is the newest draft. */
  private async renderRevision(
    job: JobContext<RenderPayload>,
    report: Report,
    revision: number,
  ): Promise<Record<string, unknown>> {
    const row = await this.ds.getRepository(ReportRevision).findOneBy({ reportId: report.id, revision });
    if (!row) return { skipped: 'missing' };
    if (row.status === 'done' || row.status === 'failed') return { skipped: row.status };
    const current = (em: EntityManager) =>
      em.findOneBy(Report, { id: report.id }).then((r) => !!r && r.revision === revision && r.stage !== 'signed');
    await this.ds.transaction(async (em) => {
      await em.update(ReportRevision, { id: row.id }, { status: 'rendering' });
      if (await current(em))
        await em.update(Report, { id: report.id }, { status: 'rendering', startedAt: this.clock.now() });
    });
    try {
      const result = await this.make(report, revision, false);
      await this.ds.transaction(async (em) => {
        await em.update(ReportRevision, { id: row.id }, renderedFile(result));
        if (await current(em)) await em.update(Report, { id: report.id }, this.done(result));
      });
      return { revision, pages: result.pages, bytes: result.bytes };
    } catch (e) {
      await this.failed(job, e, async (em, patch) => {
        await em.update(ReportRevision, { id: row.id }, { status: patch.status, error: patch.error });
        if (await current(em)) await em.update(Report, { id: report.id }, patch);
      });
      throw e;
    }
  }

  /**
   * Renders and writes the document: for an issued kind, the text of `revision` (pre-filled from the data
   * when there is none yet) put into the context; the final file once signed, else the revision's preview.
   */
  private async make(report: Report, revision: number, final: boolean): Promise<Rendered> {
    const def = this.kinds.get(report.kind, report.subjectType);
    let context = await def.context(this.ds.manager, report);
    let filePath = reportFilePath(report.id);
    if (report.stage !== 'final' && isIssuedKind(def)) {
      const text = await this.textOf(report, revision, () => def.draftText(context));
      context = def.applyText(context, text);
      if (!final) filePath = reportFilePath(report.id, revision);
    }
    const html = this.templates.render(report.kind as ReportKind, context as ReportContexts[ReportKind]);
    const result = await this.renderer.render(html);
    await this.write(filePath, result.pdf);
    return {
      filePath,
      sha256: createHash('sha256').update(result.pdf).digest('hex'),
      pages: result.pages,
      bytes: result.pdf.length,
      ms: result.ms,
    };
  }

  /** The revision's text; revision 1 is written here from the data on the draft's first render. */
  private async textOf(report: Report, revision: number, prefill: () => DocumentText): Promise<DocumentText> {
    const repo = this.ds.getRepository(ReportRevision);
    const row = await repo.findOneBy({ reportId: report.id, revision });
    if (row) return JSON.parse(row.text) as DocumentText;
    if (revision !== 1) throw new Error(`文稿第 ${revision} 稿不存在`);
    const text = prefill();
    await this.ds.transaction(async (em) => {
      await em.insert(ReportRevision, {
        reportId: report.id,
        revision: 1,
        text: JSON.stringify(text),
        editedByUserId: null,
        at: this.clock.now(),
        ...unrendered('rendering'),
      });
      await em.update(Report, { id: report.id, revision: 0 }, { revision: 1, title: text.title.slice(0, 300) });
    });
    return text;
  }

  private done(r: Rendered): Partial<Report> {
    return { ...renderedFile(r), renderMs: Math.round(r.ms), finishedAt: this.clock.now() };
  }

  /** Back to `queued` with the reason while tries remain; `failed` (audited) after the last. */
  private async failed(
    job: JobContext<RenderPayload>,
    e: unknown,
    apply: (em: EntityManager, patch: Partial<Report>) => Promise<void>,
  ): Promise<void> {
    const reason = e instanceof PdfRenderError ? e.message : `生成失败：${(e as Error).message}`;
    const last = job.attempt >= job.maxAttempts;
    await this.ds.transaction(async (em) => {
      await apply(
        em,
        last
          ? { status: 'failed', error: reason, finishedAt: this.clock.now() }
          : { status: 'queued', error: `第 ${job.attempt} 次生成失败，将自动重试：${reason}` },
      );
      if (last)
        await this.audit.record(em, {
          actor: SYSTEM_ACTOR,
          action: 'report.fail',
          entityType: 'report',
          entityId: job.data.reportId,
          from: 'rendering',
          to: job.data.revision ? { status: 'failed', revision: job.data.revision } : 'failed',
          comment: reason,
        });
    });
  }

  /** Written to a temporary name and renamed, so a reader never sees half a PDF. */
  private async write(relative: string, pdf: Buffer): Promise<void> {
    const file = path.join(this.config.filesDir, relative);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomUUID()}.tmp`;
    await fs.promises.writeFile(tmp, pdf);
    await fs.promises.rename(tmp, file);
  }
}
