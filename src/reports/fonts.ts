import * as fs from 'node:fs';
import * as path from 'node:path';
import { FONT_LABELS, FONT_ROLES, FontFile, FontRole, FontSet } from '../config/fonts';

export interface FaceInfo {
  /** Names Chromium's `local()` matches through fontconfig. */
  postscriptName: string | null;
  fullName: string | null;
  outlines: 'truetype' | 'cff';
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = fs.readSync(fd, buf, 0, length, position);
  if (n < length) throw new Error('文件过短');
  return buf;
}

function decodeName(platform: number, raw: Buffer): string {
  if (platform === 1) return raw.toString('latin1');
  const chars: number[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) chars.push(raw.readUInt16BE(i));
  return String.fromCharCode(...chars);
}

/** Reads the name table and outline kind of one face, without loading the (often 20 MB) file. */
export function readFaceInfo(font: FontFile): FaceInfo {
  const fd = fs.openSync(font.file, 'r');
  try {
    let base = 0;
    if (readAt(fd, 0, 4).toString('latin1') === 'ttcf') {
      const count = readAt(fd, 8, 4).readUInt32BE(0);
      if (font.index >= count) throw new Error(`字体集只有 ${count} 个字体，没有第 ${font.index} 个`);
      base = readAt(fd, 12 + 4 * font.index, 4).readUInt32BE(0);
    }
    const numTables = readAt(fd, base + 4, 2).readUInt16BE(0);
    const records = readAt(fd, base + 12, numTables * 16);
    const tables = new Map<string, number>();
    for (let i = 0; i < numTables; i++)
      tables.set(records.toString('latin1', i * 16, i * 16 + 4), records.readUInt32BE(i * 16 + 8));
    const outlines = tables.has('glyf') ? 'truetype' : 'cff';
    const names: Record<number, string> = {};
    const nameAt = tables.get('name');
    if (nameAt !== undefined) {
      const head = readAt(fd, nameAt, 6);
      const count = head.readUInt16BE(2);
      const strings = nameAt + head.readUInt16BE(4);
      const recs = readAt(fd, nameAt + 6, count * 12);
      for (let i = 0; i < count; i++) {
        const [platform, , language, id, length, offset] = [0, 2, 4, 6, 8, 10].map((o) =>
          recs.readUInt16BE(i * 12 + o),
        );
        const english = platform === 3 ? language === 0x409 : platform === 1 && language === 0;
        if ((id === 4 || id === 6) && (english || names[id] === undefined))
          names[id] = decodeName(platform, readAt(fd, strings + offset, length));
      }
    }
    return { postscriptName: names[6] ?? null, fullName: names[4] ?? null, outlines };
  } finally {
    fs.closeSync(fd);
  }
}

export interface FontProblem {
  role: FontRole;
  label: string;
  file: string;
  problem: 'missing' | 'unreadable' | 'cff';
  message: string;
}

/** What is wrong with the configured fonts; empty when every file is there and has TrueType outlines. */
export function fontProblems(fonts: FontSet): FontProblem[] {
  const out: FontProblem[] = [];
  for (const role of FONT_ROLES) {
    const { file } = fonts[role];
    const base = { role, label: FONT_LABELS[role], file };
    if (!fs.existsSync(file)) {
      out.push({ ...base, problem: 'missing', message: `${FONT_LABELS[role]}字体文件不存在：${file}` });
      continue;
    }
    try {
      if (readFaceInfo(fonts[role]).outlines === 'cff')
        out.push({
          ...base,
          problem: 'cff',
          message: `${FONT_LABELS[role]}字体 ${file} 为 CFF 轮廓，PDF 中会变成 Type 3 字体，请改用 TrueType 字体`,
        });
    } catch (e) {
      out.push({
        ...base,
        problem: 'unreadable',
        message: `${FONT_LABELS[role]}字体文件无法读取：${file}（${(e as Error).message}）`,
      });
    }
  }
  return out;
}

/** The CSS family name a template uses for a role: `font-family: xs-fangsong`. */
export const fontFamily = (role: FontRole): string => `xs-${role}`;

const cssString = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;

/**
 * `@font-face` rules that reach each file through `local()`: Chromium then takes the face from fontconfig as a
 * system font, subsets it and embeds it as CID TrueType, and a face that cannot be found fails loudly
 * (the renderer checks `document.fonts`). Measured against the alternatives here: `url(file://…)` is refused
 * from the `about:blank` page `setContent` writes into, and Chromium's font sanitiser (OTS) rejects
 * Debian's `.ttc` files (“FFTM: misaligned table”); data URLs would push 17–21 MB through every render.
 */
export function fontFaceCss(fonts: FontSet): string {
  return FONT_ROLES.map((role) => {
    let info: FaceInfo | null = null;
    try {
      info = readFaceInfo(fonts[role]);
    } catch {
      info = null; // reported by fontProblems(); the render then fails on the face that does not load
    }
    const names = [info?.postscriptName, info?.fullName].filter((n): n is string => !!n);
    const src = (names.length ? names : [`missing ${fonts[role].file}`])
      .map((n) => `local(${cssString(n)})`)
      .join(', ');
    return `@font-face { font-family: ${fontFamily(role)}; src: ${src}; }`;
  }).join('\n');
}

/**
 * A fontconfig file that adds the folders of the configured fonts to the system ones, so that licensed
 * fonts kept outside /usr/share/fonts are found by `local()`. Chromium reads it through FONTCONFIG_FILE.
 */
export function fontconfigXml(fonts: FontSet, cacheDir: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const dirs = [...new Set(FONT_ROLES.map((r) => path.dirname(fonts[r].file)))];
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    ...dirs.map((d) => `  <dir>${esc(d)}</dir>`),
    `  <cachedir>${esc(cacheDir)}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
}
