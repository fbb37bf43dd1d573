import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expectA4, expectSubsetTrueType, PdfFacts, pdfFacts } from './pdf-tools';

/** Millimetres per PDF point. */
const MM = 25.4 / 72;

/** A line of text as `pdftotext -bbox-layout` finds it, in millimetres from the page's top left corner. */
export interface TextLine {
  text: string;
  /** Characters, white space left out. */
  chars: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export interface PdfPage {
  widthMm: number;
  heightMm: number;
  lines: TextLine[];
}

export interface PdfGeometry {
  pages: PdfPage[];
  /** `pdfinfo`'s fields: Title, Author, Creator, CreationDate… */
  info: Record<string, string>;
}

/** GB/T 9704-2012: A4, 版心 156 × 225 mm from 28 mm left and 37 mm top, 22 lines. */
export const GBT9704 = {
  left: 28,
  width: 156,
  top: 37,
  height: 225,
  pitch: 225 / 22,
};

/**
 * How far down a page its first ink is, in millimetres (poppler's pdftoppm, 150 dpi grey, a pixel darker than
 * 160 of 255). `pdftotext` boxes are a face's ascent and descent, not its glyphs: Noto Serif SC's (1.151 +
 * 0.286 em) are taller than the 答复函's masthead line (1.3 em), so its box stands 0.8 mm above the line while its
 * glyphs print lower than UMing's (measured: box 36.2 mm, ink 39.4 mm; UMing box 38.4 mm, ink 39.0 mm).
 */
export function inkTopMm(pdf: Buffer, page: number): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-pdf-ink-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  try {
    const dpi = 150;
    const range = ['-f', String(page), '-l', String(page)];
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), ...range, '-singlefile', file, path.join(dir, 'page')]);
    const pgm = fs.readFileSync(path.join(dir, 'page.pgm'));
    const [head, w, h] = /^P5\s+(\d+)\s+(\d+)\s+\d+\s/.exec(pgm.toString('latin1', 0, 40))!;
    const [width, height] = [Number(w), Number(h)];
    for (let y = 0; y < height; y++) {
      const row = pgm.subarray(head.length + y * width, head.length + (y + 1) * width);
      if (row.some((v) => v < 160)) return (y / dpi) * 25.4;
    }
    return Infinity;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const attr = (tag: string, name: string) => Number(new RegExp(`${name}="([\\d.]+)"`).exec(tag)![1]);
const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Every page's lines of text with their boxes (poppler's `pdftotext -bbox-layout`) and the document's info (`pdfinfo`). */
export function pdfGeometry(pdf: Buffer): PdfGeometry {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-pdf-geometry-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  try {
    const html = execFileSync('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const pages = [...html.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)].map(([, head, body]) => ({
      widthMm: attr(head, 'width') * MM,
      heightMm: attr(head, 'height') * MM,
      lines: [...body.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)].map(([, box, words]) => {
        const text = [...words.matchAll(/<word [^>]*>([\s\S]*?)<\/word>/g)].map((w) => unescape(w[1])).join(' ');
        return {
          text,
          chars: [...text.replace(/\s+/g, '')].length,
          xMin: attr(box, 'xMin') * MM,
          xMax: attr(box, 'xMax') * MM,
          yMin: attr(box, 'yMin') * MM,
          yMax: attr(box, 'yMax') * MM,
        };
      }),
    }));
    const info = Object.fromEntries(
      execFileSync('pdfinfo', [file], { encoding: 'utf8' })
        .split('\n')
        .map((row) => /^([A-Za-z ]+):\s+(.*)$/.exec(row))
        .filter((m): m is RegExpExecArray => !!m)
        .map((m) => [m[1], m[2]]),
    );
    return { pages, info };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const PAGE_NUMBER = /^—\s*(\d+)\s*—$/;
const isPageNumber = (l: TextLine) => PAGE_NUMBER.test(l.text.trim());

/**
 * Lines of the running text: 3号 lines (glyph boxes 5.5–7.5 mm high in the 仿宋, 黑体 and 楷体 faces) that start
 * at the left edge of the 版心 or two characters in. Table cells (inset by their padding), the 版记 (one 4号
 * character in), page numbers, titles and centred lines are not.
 */
const isBody = (l: TextLine) =>
  l.yMax - l.yMin > 5.5 &&
  l.yMax - l.yMin < 7.5 &&
  !isPageNumber(l) &&
  [0, 2].some((indent) => Math.abs(l.xMin - GBT9704.left - indent * (GBT9704.width / 28)) < 0.4);

/** Characters counted in 3号 cells: a Chinese character or full-width mark 1, a Latin letter, digit or space ½. */
const cells = (text: string) =>
  [...text.replace(/\s+/g, '')].reduce((n, ch) => n + (ch.charCodeAt(0) < 0x2000 ? 0.5 : 1), 0);

export interface GeometryOptions {
  /** The first page carries no page number (信函格式). */
  firstPageUnnumbered?: boolean;
}

/**
 * The GB/T 9704 checks of issue 16 on one rendered report. Tolerances (millimetres):
 * - the text block: 28 ± 1 from the left, 156 ± 1 wide (the widest line of a justified paragraph);
 * - the top: no text above 37 mm — on the first page no ink above it and no box more than 1 mm above it (a tall
 *   face's box stands above its line, see inkTopMm), on the others no box above 36.5 mm; on every page after
 *   the first the first line's glyphs start 37 mm plus up to 5 mm down: a 3号 line is 10.23 mm high, its glyphs 5.9 mm, so half the leading (2.2 mm) and the face's
 *   ascent lie above them (measured: 37.9–40 mm). The first page's top is the kind's head: a masthead starts
 *   at 37 mm, a title alone is set one line down;
 * - the line pitch: successive body lines 225/22 = 10.23 ± 0.3 mm apart (Chromium places lines on whole
 *   device pixels of 1/300 inch, so a run of lines may be off by a pixel or two);
 * - page numbers 「— N —」 below the 版心 (262 to 285 mm), on odd pages ending 7 ± 3 mm left of the right edge of
 *   the 版心 (one 4号 character in), on even pages starting 7 ± 3 mm right of its left edge;
 * - 版记 (the lines with 抄送, 印发 or 打印; a 函's has 抄送 only) in the bottom quarter of the last page, ending within the 版心;
 * - no page but the last filled less than half the 版心 (its lowest text line above 37 + 112.5 mm).
 */
export function expectGbt9704(pdf: Buffer, opts: GeometryOptions = {}): PdfGeometry & Pick<PdfFacts, 'fonts'> {
  const facts = pdfFacts(pdf);
  expectA4(facts);
  expectSubsetTrueType(facts);
  const g = pdfGeometry(pdf);
  const problems: string[] = [];
  if (g.info.Creator !== '协商') problems.push(`Creator 为「${g.info.Creator}」，应为「协商」`);
  for (const key of ['Title', 'Author', 'CreationDate']) if (!g.info[key]) problems.push(`没有 ${key}`);
  const fmt = (n: number) => n.toFixed(1);
  const last = g.pages.length - 1;
  let widest = 0;
  g.pages.forEach((page, i) => {
    const n = i + 1;
    const text = page.lines.filter((l) => !isPageNumber(l));
    if (!text.length) return problems.push(`第${n}页没有文字`);
    const left = Math.min(...text.map((l) => l.xMin));
    const right = Math.max(...text.map((l) => l.xMax));
    if (left < GBT9704.left - 1) problems.push(`第${n}页文字始于左 ${fmt(left)} mm，版心始于 28 mm`);
    if (right > GBT9704.left + GBT9704.width + 1) problems.push(`第${n}页文字止于左 ${fmt(right)} mm，超出版心`);
    for (const l of text.filter(isBody)) widest = Math.max(widest, l.xMax - GBT9704.left);
    const top = Math.min(...text.map((l) => l.yMin));
    // A last page may hold the 版记 alone, at its foot.
    const banjiOnly = i === last && text.every((l) => l.yMin > (page.heightMm * 3) / 4);
    if (top < GBT9704.top - (i === 0 ? 1 : 0.5) || (i > 0 && !banjiOnly && top > GBT9704.top + 5))
      problems.push(`第${n}页首行在上 ${fmt(top)} mm，应为 37 mm`);
    const bottom = Math.max(...text.map((l) => l.yMax));
    if (i < last && bottom < GBT9704.top + GBT9704.height / 2)
      problems.push(`第${n}页只排到上 ${fmt(bottom)} mm，不足半页（${fmt(GBT9704.top + GBT9704.height / 2)} mm）`);
    if (bottom > GBT9704.top + GBT9704.height + 0.5) problems.push(`第${n}页文字止于上 ${fmt(bottom)} mm，超出版心`);
    const body = text.filter(isBody).sort((a, b) => a.yMin - b.yMin);
    for (const l of body) if (cells(l.text) > 28) problems.push(`第${n}页一行超过 28 字：${l.text}`);
    for (let k = 1; k < body.length; k++) {
      // Glyph boxes differ between faces: the pitch is measured between lines of one face.
      if (Math.abs(body[k].yMax - body[k].yMin - (body[k - 1].yMax - body[k - 1].yMin)) > 0.05) continue;
      const step = body[k].yMin - body[k - 1].yMin;
      if (step > 1 && step < GBT9704.pitch * 1.5 && Math.abs(step - GBT9704.pitch) > 0.3)
        problems.push(`第${n}页行距 ${fmt(step)} mm（应为 ${fmt(GBT9704.pitch)} mm）：${body[k].text.slice(0, 12)}`);
    }
    const numbers = page.lines.filter(isPageNumber);
    if (i === 0 && opts.firstPageUnnumbered) {
      if (numbers.length) problems.push('信函格式首页不应有页码');
      return;
    }
    if (numbers.length !== 1) return problems.push(`第${n}页页码 ${numbers.length} 个`);
    const [num] = numbers;
    if (Number(PAGE_NUMBER.exec(num.text.trim())![1]) !== n) problems.push(`第${n}页页码为「${num.text}」`);
    if (num.yMin < GBT9704.top + GBT9704.height || num.yMax > 285)
      problems.push(`第${n}页页码在上 ${fmt(num.yMin)} mm`);
    if (n % 2 === 1 && Math.abs(GBT9704.left + GBT9704.width - 7 - num.xMax) > 3)
      problems.push(`第${n}页（单页）页码止于左 ${fmt(num.xMax)} mm，应靠右空一字`);
    if (n % 2 === 0 && Math.abs(GBT9704.left + 7 - num.xMin) > 3)
      problems.push(`第${n}页（双页）页码始于左 ${fmt(num.xMin)} mm，应靠左空一字`);
  });
  const ink = inkTopMm(pdf, 1);
  if (ink < GBT9704.top) problems.push(`第1页文字始于上 ${fmt(ink)} mm（墨迹），应为 37 mm 以下`);
  // A paragraph's full lines fill the 版心 exactly (justified); a document of short lines only has none.
  if (widest > GBT9704.width * 0.9 && Math.abs(widest - GBT9704.width) > 1)
    problems.push(`正文最宽一行 ${fmt(widest)} mm，版心宽 156 mm`);
  const banji = g.pages[last].lines.filter((l) => /印发|打印|^抄送：/.test(l.text.trim()));
  if (!banji.length) problems.push('末页没有版记');
  for (const l of banji)
    if (l.yMax < (g.pages[last].heightMm * 3) / 4)
      problems.push(
        `版记在末页上 ${fmt(l.yMax)} mm，不在页面下四分之一（${fmt((g.pages[last].heightMm * 3) / 4)} mm 以下）`,
      );
  expect(problems).toEqual([]);
  return { ...g, fonts: facts.fonts };
}
