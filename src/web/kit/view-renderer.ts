import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { createTemplateEngine, Templates } from '../../common/templates';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PUBLIC_DIR, TEMPLATES_DIR } from '../../config/paths';
import type { LayoutContext, ViewContexts } from './layout';
import { PageData, viewHelpers } from './view-helpers';

/** The data every template and partial reads as `@csrf`, `@page`. */
export interface RenderData {
  csrf: string;
  page: PageData;
}

/**
 * The pages' templates (`templates/views/`, partials in `templates/partials/`), read and parsed once at boot by
 * the one template engine (common/templates.ts); renders a view into the layout.
 */
@Injectable()
export class ViewRenderer {
  private readonly views: Templates;
  /** Changes when the CSS or script changes, so browsers may cache `/assets/…` and still see new versions. */
  readonly assetVersion: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.views = createTemplateEngine({
      templates: path.join(TEMPLATES_DIR, 'views'),
      partials: path.join(TEMPLATES_DIR, 'partials'),
      helpers: viewHelpers(config.displayTimeZone),
      kind: '模板',
      preventIndent: true,
      trimPartials: true,
    });
    const hash = createHash('sha256');
    for (const file of ['app.css', 'app.js']) hash.update(fs.readFileSync(path.join(PUBLIC_DIR, file)));
    this.assetVersion = hash.digest('hex').slice(0, 10);
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
