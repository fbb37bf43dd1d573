import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { loadConfig } from '../../../src/config/app-config';
import { loadOrganization } from '../../../src/config/organization';
import { PdfRenderer } from '../../../src/reports/pdf-renderer';
import type { ReportKind } from '../../../src/reports/report-contexts';
import { ReportTemplates } from '../../../src/reports/report-templates';
import {
  comparePictures,
  expectLikeReference,
  firstPagePng,
  MAX_DIFF_RATIO,
  PICTURE_OUT_DIR,
} from '../../support/pictures';
import { PICTURE_KINDS, pictureContexts, PictureContexts } from './fixtures';

/**
 * Picture regression (issue 16): the first page of every kind, rendered from a fixed context through the real
 * templates and Chromium, is compared at 30 dpi with test/reports/pictures/<kind>.png. A template change that
 * moves the layout fails here until the references are renewed on purpose (docs/design/testing.md). No
 * database and no clock: it runs the same on either engine.
 */
describe('reports: first pages look like their references', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-pictures-'));
  const config = loadConfig({}, dir);
  const templates = new ReportTemplates(config, loadOrganization());
  const renderer = new PdfRenderer(config);
  let contexts: PictureContexts;
  /** Each comparison's share of differing pixels, left in .tmp/pictures/last-run.json (how the noise was measured). */
  const ratios: Record<string, number> = {};

  const render = async <K extends ReportKind>(kind: K, css = ''): Promise<PNG> => {
    const html = templates.render(kind, contexts[kind]).replace('</head>', `<style>${css}</style></head>`);
    return firstPagePng((await renderer.render(html)).pdf);
  };

  jest.setTimeout(60000);

  beforeAll(async () => {
    contexts = await pictureContexts();
  });

  afterAll(async () => {
    await renderer.onApplicationShutdown();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(PICTURE_OUT_DIR, { recursive: true });
    fs.writeFileSync(path.join(PICTURE_OUT_DIR, 'last-run.json'), `${JSON.stringify(ratios, null, 2)}\n`);
  });

  it.each(PICTURE_KINDS)('%s', async (kind) => {
    ratios[kind] = expectLikeReference(__dirname, kind, await render(kind));
  });

  it('fails a page whose title moved down by 3 mm: the comparator sees a layout change', async () => {
    const before = await render('briefing');
    const moved = await render('briefing', '.title { margin-top: calc(225mm / 22 + 3mm) !important; }');
    const { ratio } = comparePictures(moved, before);
    ratios['briefing, title 3 mm lower'] = ratio;
    expect(ratio).toBeGreaterThan(MAX_DIFF_RATIO);
    // …while the same page rendered again passes.
    expect(comparePictures(await render('briefing'), before).ratio).toBeLessThanOrEqual(MAX_DIFF_RATIO);
  });

  it('fails a page of another size outright', () => {
    const a = new PNG({ width: 10, height: 10 });
    const b = new PNG({ width: 10, height: 11 });
    expect(comparePictures(a, b).ratio).toBe(1);
  });
});
