import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PUBLIC_DIR, TEMPLATES_DIR } from '../config/paths';
import { PageData, viewHelpers } from './view-helpers';
import type { LayoutContext, ViewContexts } from './views';

/** The data every template and partial reads as `@csrf`, `@page`. */
export interface RenderData {
  csrf: string;
  page: PageData;
}

function hbsFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.hbs')) continue;
    out.set(file.slice(0, -'.hbs'.length).split(path.sep).join('/'), fs.readFileSync(path.join(dir, file), 'utf8'));
  }
  return out;
}

/**
 * Reads and parses every view and partial once at boot (a syntax error stops start-up, naming the file);
 * Handlebars turns each into code on its first render and keeps it. Renders a view into the layout.
 * Strict mode: a misspelt field throws instead of printing nothing.
 */
@Injectable()
export class ViewRenderer {
  private readonly hbs = Handlebars.create();
  private readonly views = new Map<string, Handlebars.TemplateDelegate>();
  /** Changes when the CSS or script changes, so browsers may cache `/assets/…` and still see new versions. */
  readonly assetVersion: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.hbs.registerHelper(viewHelpers(config.displayTimeZone));
    // A partial's final newline would follow it into attribute values and inline text.
    for (const [name, source] of hbsFiles(path.join(TEMPLATES_DIR, 'partials')))
      this.hbs.registerPartial(name, this.compile(name, source.replace(/\n$/, '')));
    for (const [name, source] of hbsFiles(path.join(TEMPLATES_DIR, 'views')))
      this.views.set(name, this.compile(name, source));
    const hash = createHash('sha256');
    for (const file of ['app.css', 'app.js']) hash.update(fs.readFileSync(path.join(PUBLIC_DIR, file)));
    this.assetVersion = hash.digest('hex').slice(0, 10);
  }

  private compile(name: string, source: string): Handlebars.TemplateDelegate {
    try {
      // preventIndent: a partial on an indented line would otherwise have every line it prints indented, textarea contents included.
      return this.hbs.compile(this.hbs.parse(source), { strict: true, preventIndent: true });
    } catch (e) {
      throw new Error(`模板 ${name}.hbs 有语法错误：${(e as Error).message}`);
    }
  }

  /** The view's HTML inside the layout; the view sets the page title with `{{pageTitle …}}`. */
  render<K extends keyof ViewContexts>(
    view: K,
    context: ViewContexts[K],
    layout: Omit<LayoutContext, 'body' | 'title' | 'assetVersion'>,
  ): string {
    const data: RenderData = { csrf: layout.csrf, page: { title: '' } };
    const body = this.template(view)(context, { data });
    const full: LayoutContext = { ...layout, body, title: data.page.title, assetVersion: this.assetVersion };
    return this.template('layout')(full, { data });
  }

  private template(name: string): Handlebars.TemplateDelegate {
    const t = this.views.get(name);
    if (!t) throw new Error(`模板 views/${name}.hbs 不存在`);
    return t;
  }
}
