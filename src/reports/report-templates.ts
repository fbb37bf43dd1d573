import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { loadOrganization, Organization } from '../config/organization';
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

function hbsIn(dir: string): Array<[string, string]> {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.hbs'))
    .map((f) => [f.slice(0, -'.hbs'.length), fs.readFileSync(path.join(dir, f), 'utf8')]);
}

/**
 * The report templates in `templates/reports/` (one per kind) and their shared partials, compiled once at
 * boot in strict mode: a misspelt field throws instead of printing nothing, and every value is escaped.
 */
@Injectable()
export class ReportTemplates {
  private readonly hbs = Handlebars.create();
  private readonly templates = new Map<string, Handlebars.TemplateDelegate>();
  private readonly data: ReportData;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.hbs.registerHelper(reportHelpers(config.displayTimeZone));
    for (const [name, source] of hbsIn(path.join(REPORT_TEMPLATES_DIR, 'partials')))
      this.hbs.registerPartial(name, this.compile(`partials/${name}`, source));
    for (const [name, source] of hbsIn(REPORT_TEMPLATES_DIR)) this.templates.set(name, this.compile(name, source));
    this.data = { org: loadOrganization(), fontCss: fontFaceCss(config.pdf.fonts) };
  }

  /** Parsing here makes a syntax error stop start-up, naming the file; Handlebars turns the parsed template into code on its first render. */
  private compile(name: string, source: string): Handlebars.TemplateDelegate {
    try {
      return this.hbs.compile(this.hbs.parse(source), { strict: true });
    } catch (e) {
      throw new Error(`报告模板 ${name}.hbs 有语法错误：${(e as Error).message}`);
    }
  }

  /** The whole HTML document of a report kind, ready for `PdfRenderer.render`. */
  render<K extends ReportKind>(kind: K, context: ReportContexts[K]): string {
    const template = this.templates.get(kind);
    if (!template) throw new Error(`报告模板 reports/${kind}.hbs 不存在`);
    return template(context, { data: this.data });
  }
}
