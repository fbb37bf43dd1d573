import * as fs from 'node:fs';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth.decorators';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobQueue } from '../jobs/job-queue';
import { fontProblems } from '../reports/fonts';

interface PartStatus {
  status: 'ok' | 'down';
  [detail: string]: unknown;
}

/**
 * `GET /health`: 200 when every part answers, 503 naming the part that does not. `pdf` counts as a part:
 * a missing font would print fallback glyphs or tofu into the documents leaders judge the system by,
 * so a machine without its fonts or browser is reported down rather than left to fail one report at a time.
 */
@ApiTags('运维')
@Controller('health')
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  async getHealth(@Res() res: Response): Promise<void> {
    const [db, queue] = await Promise.all([this.database(), this.queue()]);
    const parts = { db, queue, pdf: this.pdf() };
    const down = Object.entries(parts)
      .filter(([, p]) => p.status !== 'ok')
      .map(([name]) => name);
    res
      .status(down.length ? 503 : 200)
      .json({ status: down.length ? 'down' : 'ok', ...(down.length ? { down } : {}), ...parts });
  }

  private database(): Promise<PartStatus> {
    const engine = this.ds.options.type === 'mysql' ? 'mysql' : 'sqlite';
    return this.ds
      .query('SELECT 1 AS ok')
      .then((): PartStatus => ({ status: 'ok', engine }))
      .catch((e: Error): PartStatus => ({ status: 'down', engine, message: `数据库无法连接：${e.message}` }));
  }

  /** `{status, mode: 'bull'|'in-process', processing, waiting, failed}`: counts only when the queue answers. */
  private async queue(): Promise<PartStatus> {
    return { ...(await this.jobs.health()) };
  }

  private pdfChecked: { at: number; part: PartStatus } | null = null;

  /** Files only, re-read at most once a minute (parsing five font files per probe would make /health the slowest call). */
  private pdf(): PartStatus {
    if (this.pdfChecked && Date.now() - this.pdfChecked.at < 60_000) return this.pdfChecked.part;
    this.pdfChecked = { at: Date.now(), part: this.checkPdf() };
    return this.pdfChecked.part;
  }

  /** The browser itself is started by the first render, not by a health probe. */
  private checkPdf(): PartStatus {
    const problems = fontProblems(this.config.pdf.fonts);
    let browser = true;
    try {
      fs.accessSync(this.config.chromiumPath, fs.constants.X_OK);
    } catch {
      browser = false;
    }
    if (!problems.length && browser) return { status: 'ok' };
    const messages = problems.map((p) => p.message);
    if (!browser) messages.push(`找不到 Chromium：${this.config.chromiumPath}（CHROMIUM_PATH）`);
    return {
      status: 'down',
      missing: problems.filter((p) => p.problem === 'missing').map((p) => p.file),
      message: messages.join('；'),
    };
  }
}
