import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTemplateEngine, hbsFiles, templateHelpers } from './templates';

describe('template engine', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-hbs-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  beforeAll(() => {
    write('views/home.hbs', '{{> fields/text}}|{{date on}}');
    write('views/proposals/show.hbs', '{{#> box}}内容{{/box}}');
    write('partials/fields/text.hbs', '<input name="{{name}}">\n');
    write('partials/box.hbs', '[{{> @partial-block}}]');
    write('reports/briefing.hbs', '{{> banji}}');
    write('reports/partials/banji.hbs', '甲\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads every file under a folder by its path, leaving out a subfolder', () => {
    expect([...hbsFiles(path.join(dir, 'views')).keys()]).toEqual(['home', 'proposals/show']);
    expect([...hbsFiles(path.join(dir, 'reports'), 'partials').keys()]).toEqual(['briefing']);
  });

  it('names partials by their path, trims their last newline when asked, and compiles in strict mode', () => {
    const pages = createTemplateEngine({
      templates: path.join(dir, 'views'),
      partials: path.join(dir, 'partials'),
      helpers: templateHelpers('Asia/Shanghai'),
      kind: '模板',
      preventIndent: true,
      trimPartials: true,
    });
    expect(pages.get('home')!({ name: 'q', on: '2026-11-25T16:30:00Z' })).toBe('<input name="q">|2026年11月26日');
    expect(pages.get('proposals/show')!({})).toBe('[内容]');
    expect(() => pages.get('home')!({})).toThrow('"name" not defined');
  });

  it('keeps partials inside the templates folder out of the templates', () => {
    const reports = createTemplateEngine({
      templates: path.join(dir, 'reports'),
      partials: path.join(dir, 'reports', 'partials'),
      helpers: {},
      kind: '报告模板',
    });
    expect([...reports.keys()]).toEqual(['briefing']);
    expect(reports.get('briefing')!({})).toBe('甲\n');
  });

  it('names the file with a syntax error', () => {
    write('broken/partials/bad.hbs', '{{#if}}');
    expect(() =>
      createTemplateEngine({
        templates: path.join(dir, 'broken'),
        partials: path.join(dir, 'broken', 'partials'),
        helpers: {},
        kind: '报告模板',
      }),
    ).toThrow('报告模板 partials/bad.hbs 有语法错误');
  });
});
