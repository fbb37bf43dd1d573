import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../common/actor';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobProcessor } from '../jobs/job-processor.decorator';
import type { JobContext } from '../jobs/job-types';
import { PdfRenderer, PdfRenderError } from './pdf-renderer';
import type { ReportContexts, ReportKind } from './report-contexts';
import { ReportKinds } from './report-kinds';
import { ReportTemplates } from './report-templates';
import { Report } from './report.entities';
import { RENDER_JOB } from './reports.service';

/** Where a report's PDF lives, relative to XS_FILES_DIR. */
export const reportFilePath = (id: number) => path.join('reports', String(Math.floor(id / 1000)), `${id}.pdf`);

/**
 * `reports:render`: the kind's context → its template → Chromium → the file under XS_FILES_DIR/reports.
 * Runs in the worker (or in-process without Redis). A report already done is left alone, so a repeated
 * job never makes a second file; a failed try puts it back to `queued` with the reason while tries
 * remain, and to `failed` with the Chinese reason after the last — never left in `rendering`.
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
  async render(job: JobContext<{ reportId: number }>): Promise<Record<string, unknown>> {
    const repo = this.ds.getRepository(Report);
    const report = await repo.findOneBy({ id: job.data.reportId });
    if (!report) return { skipped: 'missing' };
    if (report.status === 'done' || report.status === 'failed') return { skipped: report.status };
    const started = this.clock.now();
    await repo.update({ id: report.id }, { status: 'rendering', attempts: report.attempts + 1, startedAt: started });
    try {
      const def = this.kinds.get(report.kind, report.subjectType);
      const context = await def.context(this.ds.manager, report);
      const html = this.templates.render(report.kind as ReportKind, context as ReportContexts[ReportKind]);
      const result = await this.renderer.render(html);
      const sha256 = createHash('sha256').update(result.pdf).digest('hex');
      const filePath = reportFilePath(report.id);
      await this.write(filePath, result.pdf);
      await this.ds.transaction(async (em) => {
        await em.update(
          Report,
          { id: report.id },
          {
            status: 'done',
            error: null,
            filePath,
            sha256,
            pages: result.pages,
            bytes: result.pdf.length,
            renderMs: Math.round(result.ms),
            finishedAt: this.clock.now(),
          },
        );
        await this.audit.record(em, {
          actor: SYSTEM_ACTOR,
          action: 'report.render',
          entityType: 'report',
          entityId: report.id,
          from: 'queued',
          to: { status: 'done', pages: result.pages, bytes: result.pdf.length, sha256 },
        });
      });
      return { pages: result.pages, bytes: result.pdf.length };
    } catch (e) {
      const reason = e instanceof PdfRenderError ? e.message : `生成失败：${(e as Error).message}`;
      const last = job.attempt >= job.maxAttempts;
      await this.ds.transaction(async (em) => {
        await em.update(
          Report,
          { id: report.id },
          last
            ? { status: 'failed', error: reason, finishedAt: this.clock.now() }
            : { status: 'queued', error: `第 ${job.attempt} 次生成失败，将自动重试：${reason}` },
        );
        if (last)
          await this.audit.record(em, {
            actor: SYSTEM_ACTOR,
            action: 'report.fail',
            entityType: 'report',
            entityId: report.id,
            from: 'rendering',
            to: 'failed',
            comment: reason,
          });
      });
      throw e;
    }
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
