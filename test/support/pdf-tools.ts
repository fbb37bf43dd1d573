import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** poppler's view of a PDF: its text, fonts and page geometry, as the checks of every report kind read them. */
export interface PdfFacts {
  /** pdftotext -layout */
  text: string;
  /** The text without any white space, for phrases that wrap. */
  squeezed: string;
  fonts: Array<{ name: string; type: string; emb: string; sub: string }>;
  pages: number;
  /** Page size in points, and whether pdfinfo calls it A4. */
  width: number;
  height: number;
  a4: boolean;
}

/** `PDF_DUMP_DIR=/tmp/x` keeps a copy of every PDF checked, to look at while working on a template. */
let dumped = 0;

export function pdfFacts(pdf: Buffer): PdfFacts {
  if (process.env.PDF_DUMP_DIR)
    fs.writeFileSync(path.join(process.env.PDF_DUMP_DIR, `${process.pid}-${++dumped}.pdf`), pdf);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-pdf-facts-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  try {
    const run = (tool: string, ...args: string[]) =>
      execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
    const text = run('pdftotext', '-layout', '-enc', 'UTF-8');
    const fonts = run('pdffonts')
      .trim()
      .split('\n')
      .slice(2)
      .map((row) => {
        const [, name, type, emb, sub] = /^(\S+)\s+(.+?)\s{2,}\S+\s+(yes|no)\s+(yes|no)\s+(yes|no)/.exec(row) ?? [];
        return { name, type, emb, sub };
      });
    const info = run('pdfinfo');
    const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info) ?? [];
    return {
      text,
      squeezed: text.replace(/\s+/g, ''),
      fonts,
      pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]),
      width: Number(w),
      height: Number(h),
      a4: /\(A4\)/.test(info),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every font embedded as a subset TrueType (CID) font: no Type 3, none whole. */
export function expectSubsetTrueType(facts: PdfFacts): void {
  expect(facts.fonts.length).toBeGreaterThan(0);
  for (const font of facts.fonts)
    expect(font).toMatchObject({
      type: 'CID TrueType',
      emb: 'yes',
      sub: 'yes',
      name: expect.stringMatching(/^[A-Z]{6}\+/),
    });
}

/** A4 within Chromium's snapping to 300 dpi device pixels (594.96 × 841.92 for 595.28 × 841.89). */
export function expectA4(facts: PdfFacts): void {
  expect(facts.a4).toBe(true);
  expect(Math.abs(facts.width - 595.28)).toBeLessThan(1);
  expect(Math.abs(facts.height - 841.89)).toBeLessThan(1);
}

/** The images a PDF embeds (`pdfimages -list`): their pixel size, encoding and stored bytes. */
export function pdfImages(pdf: Buffer): Array<{ width: number; height: number; enc: string; type: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-pdf-images-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(2)
      .map((row) => row.trim().split(/\s+/))
      .map((c) => ({ type: c[2], width: Number(c[3]), height: Number(c[4]), enc: c[8] }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
