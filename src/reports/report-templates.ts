import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { createTemplateEngine, Templates } from '../common/templates';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Organization, ORGANIZATION } from '../config/organization';
import { TEMPLATES_DIR } from '../config/paths';
import { fontFaceCss } from './fonts';
import type { ReportContexts, ReportKind } from './report-contexts';
import { reportHelpers } from './report-helpers';

export const REPORT_TEMPLATES_DIR = path.join(TEMPLATES_DIR, 'reports');

/** What every report template and partial reads as `@org` and `@fontCss`. */
export interface ReportData {
  org: Organization;
  /** The `@font-face` rules for the configured fonts (generated here, never from user input). */
  fontCss: string;
}

/**
 * The report templates in `templates/reports/` (one per kind) and their shared partials in `partials/`, read and
 * parsed once at boot by the one template engine (common/templates.ts).
 */
@Injectable()
export class ReportTemplates {
  private readonly templates: Templates;
  private readonly data: ReportData;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(ORGANIZATION) org: Organization) {
    this.templates = createTemplateEngine({
      templates: REPORT_TEMPLATES_DIR,
      partials: path.join(REPORT_TEMPLATES_DIR, 'partials'),
      helpers: reportHelpers(config.displayTimeZone),
      kind: '报告模板',
    });
    this.data = { org, fontCss: fontFaceCss(config.pdf.fonts) };
  }

  /** The whole HTML document of a report kind, ready for `PdfRenderer.render`. */
  render<K extends ReportKind>(kind: K, context: ReportContexts[K]): string {
    const template = this.templates.get(kind);
    if (!template) throw new Error(`报告模板 reports/${kind}.hbs 不存在`);
    return template(context, { data: this.data });
  }
}
