import * as fs from 'node:fs';
import * as path from 'node:path';
import Handlebars from 'handlebars';
import { chineseDate, chineseDateInWords, chineseDateTime, chineseTimeRange } from './chinese-dates';
import { chineseNumeral } from './chinese-numerals';

/** A template helper. Handlebars passes its options object last. */
export type Helper = (...args: unknown[]) => unknown;

/**
 * The helpers every template may use, pages and reports alike (STYLE §11: registered in one place). Pages add
 * their own (`viewHelpers` in web/kit), reports theirs (`reportHelpers`); a helper's output never depends on
 * which engine calls it.
 */
export function templateHelpers(timeZone: string): Record<string, Helper> {
  const args = (list: unknown[]) => list.slice(0, -1);
  const num = (v: unknown) => Number(v);
  return {
    eq: (a, b) => a === b,
    concat: (...list) => args(list).map(String).join(''),
    list: (...list) => args(list),
    not: (a) => !a,
    or: (...list) => args(list).some(Boolean),
    and: (...list) => args(list).every(Boolean),
    /** A checkbox is ticked when its value is in the submitted list. */
    includes: (list, value) => Array.isArray(list) && list.map(String).includes(String(value)),
    /** Handlebars' @index counts from 0; headings count from 1. */
    inc: (n) => num(n) + 1,
    /** `{{join cc "，"}}`: the joined text is escaped like any other value. */
    join: (list, separator) =>
      Array.isArray(list) ? list.map(String).join(typeof separator === 'string' ? separator : '，') : '',
    /** 2026年11月26日 */
    date: (value) => chineseDate(value, timeZone),
    /** 2026年11月26日 14:05 */
    dateTime: (value) => chineseDateTime(value, timeZone),
    timeRange: (from, to) => chineseTimeRange(from, to, timeZone),
    /** `08:30` of an instant in the display zone. */
    clockTime: (value) => chineseDateTime(value, timeZone).split(' ')[1] ?? '',
    /** 二〇二六年十一月二十六日 */
    dateInWords: (value) => chineseDateInWords(value, timeZone),
    /** 十一 */
    numeral: (n) => chineseNumeral(num(n)),
    /** A 0–1 score as a whole percentage: 0.823 → 82%. */
    percent: (value) => `${Math.round(Number(value) * 100)}%`,
  };
}

/**
 * Every `.hbs` file under `dir` and its folders, by its path there without the extension, `/`-separated
 * (`proposals/show`); the folder `skip` (relative to `dir`) and what is under it are left out.
 */
export function hbsFiles(dir: string, skip?: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!file.endsWith('.hbs')) continue;
    const name = file.slice(0, -'.hbs'.length).split(path.sep).join('/');
    if (skip && name.startsWith(`${skip}/`)) continue;
    out.set(name, fs.readFileSync(path.join(dir, file), 'utf8'));
  }
  return out;
}

export interface TemplateEngineOptions {
  /** The folder of the templates, each named by its path there (`proposals/show`). */
  templates: string;
  /** The folder of the partials, each named by its path there: `fields/text.hbs` is `{{> fields/text}}`. */
  partials: string;
  helpers: Record<string, Helper>;
  /** What a syntax error calls the file (`模板`, `报告模板`). */
  kind: string;
  /** A partial on an indented line would otherwise have every line it prints indented, textarea contents included. */
  preventIndent?: boolean;
  /** A partial's final newline would otherwise follow it into attribute values and inline text. */
  trimPartials?: boolean;
}

/** The compiled templates of one engine, by name. */
export type Templates = ReadonlyMap<string, Handlebars.TemplateDelegate>;

/**
 * One Handlebars engine, for the pages or for the reports: its helpers registered, every partial and template read
 * and parsed once at boot (a syntax error stops start-up, naming the file; Handlebars turns each into code on its
 * first render). Strict mode: a misspelt field throws instead of printing nothing; every value is escaped.
 */
export function createTemplateEngine(options: TemplateEngineOptions): Templates {
  const hbs = Handlebars.create();
  hbs.registerHelper(options.helpers);
  const compile = (name: string, source: string) => {
    try {
      return hbs.compile(hbs.parse(source), {
        strict: true,
        ...(options.preventIndent ? { preventIndent: true } : {}),
      });
    } catch (e) {
      throw new Error(`${options.kind} ${name}.hbs 有语法错误：${(e as Error).message}`);
    }
  };
  // Partials kept inside the templates' folder (reports/partials/) are no templates, and an error names them by their path there.
  const within = subfolder(options.templates, options.partials);
  for (const [name, source] of hbsFiles(options.partials))
    hbs.registerPartial(
      name,
      compile(within ? `${within}/${name}` : name, options.trimPartials ? source.replace(/\n$/, '') : source),
    );
  const templates = new Map<string, Handlebars.TemplateDelegate>();
  for (const [name, source] of hbsFiles(options.templates, within ?? undefined))
    templates.set(name, compile(name, source));
  return templates;
}

/** `inner` as a `/`-separated path within `outer`, or null when it is not inside it. */
function subfolder(outer: string, inner: string): string | null {
  const rel = path.relative(outer, inner);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : null;
}
