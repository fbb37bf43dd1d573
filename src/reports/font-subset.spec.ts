import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_FONTS } from '../config/fonts';
import { documentCodepoints, subsetFace, withSubsetFonts } from './font-subset';
import { fontFaceCss, readFaceInfo } from './fonts';

/** The TrueType cmap's format 4 subtable of `font`: the characters it maps to a glyph other than .notdef. */
function mappedCodepoints(font: Buffer): Set<number> {
  const tables = new Map<string, number>();
  for (let i = 0; i < font.readUInt16BE(4); i++)
    tables.set(font.toString('latin1', 12 + 16 * i, 16 + 16 * i), font.readUInt32BE(12 + 16 * i + 8));
  const cmap = tables.get('cmap')!;
  const out = new Set<number>();
  for (let i = 0; i < font.readUInt16BE(cmap + 2); i++) {
    const at = cmap + font.readUInt32BE(cmap + 4 + 8 * i + 4);
    if (font.readUInt16BE(at) !== 4) continue;
    const segs = font.readUInt16BE(at + 6) / 2;
    const ends = at + 14;
    const starts = ends + 2 * segs + 2;
    const deltas = starts + 2 * segs;
    const ranges = deltas + 2 * segs;
    for (let s = 0; s < segs; s++) {
      const [end, start] = [font.readUInt16BE(ends + 2 * s), font.readUInt16BE(starts + 2 * s)];
      const [delta, range] = [font.readInt16BE(deltas + 2 * s), font.readUInt16BE(ranges + 2 * s)];
      for (let c = start; c <= end && c !== 0xffff; c++) {
        const glyph = range ? font.readUInt16BE(ranges + 2 * s + range + 2 * (c - start)) : (c + delta) & 0xffff;
        if (glyph) out.add(c);
      }
    }
    return out;
  }
  return out;
}

describe('font subsets', () => {
  const uming = DEFAULT_FONTS.fangsong;
  const text = '关于推进城镇老旧小区改造工作的协商要报';

  it('cuts a face down to the characters asked for, keeping its names and TrueType outlines', () => {
    const subset = subsetFace(
      uming,
      [...text].map((c) => c.codePointAt(0)!),
    );
    expect(subset.length).toBeLessThan(fs.statSync(uming.file).size / 100);
    expect([...mappedCodepoints(subset)].sort()).toEqual([...new Set([...text].map((c) => c.codePointAt(0)!))].sort());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-subset-'));
    try {
      const file = path.join(dir, 'subset.ttf');
      fs.writeFileSync(file, subset);
      expect(readFaceInfo({ file, index: 0 })).toEqual(readFaceInfo(uming));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("counts a document's own characters, its numeric character references, ASCII and the spaces of the templates", () => {
    const cps = documentCodepoints('<p>协商&#x8981;&#25253;&emsp;</p>');
    for (const c of '协商要报 AZaz09—\u2003\u00a0') expect(cps.has(c.codePointAt(0)!)).toBe(true);
    expect(cps.has('议'.codePointAt(0)!)).toBe(false);
    const photo = documentCodepoints('<img src="data:image/jpeg;base64,/9j/4AAQ">');
    expect(photo.has('j'.codePointAt(0)!)).toBe(true); // ASCII is always there; the URL itself is not read
    expect(photo.size).toBe(documentCodepoints('<img src="">').size);
  });

  it("swaps the templates' local() rules for data: subsets, one per face file, the roles on one file renamed to it in the style sheets", () => {
    const local = fontFaceCss(DEFAULT_FONTS);
    const sheet = `<style>${local}\nhtml { font-family: xs-fangsong, xs-song; } .t { font-family: xs-title; } .h { font-family: xs-hei; }</style>`;
    // The document's text is never renamed, even where it spells a family.
    const { html, failed } = withSubsetFonts(`${sheet}<p>${text} xs-song</p>`, DEFAULT_FONTS, local);
    expect(failed).toEqual([]);
    expect(html).not.toContain('local(');
    const urls = [...html.matchAll(/font-family: (xs-\w+); src: url\((data:font\/ttf;base64,[^)]+)\)/g)];
    // The title has its own face (Noto Serif SC Bold); song and fangsong are the same UMing face by default: one
    // subset, carried by xs-song.
    expect(urls.map((m) => m[1])).toEqual(['xs-title', 'xs-song', 'xs-hei', 'xs-kai']);
    expect(html).toContain(
      'html { font-family: xs-song, xs-song; } .t { font-family: xs-title; } .h { font-family: xs-hei; }',
    );
    expect(html.endsWith(`</style><p>${text} xs-song</p>`)).toBe(true);
  });

  it("subsets the four default files again and again within the subsetter's fixed 64 MB (each file copied in and freed)", () => {
    const local = fontFaceCss(DEFAULT_FONTS);
    for (let round = 0; round < 3; round++) {
      const { failed } = withSubsetFonts(`<style>${local}</style><p>${text}第${round}轮</p>`, DEFAULT_FONTS, local);
      expect(failed).toEqual([]);
    }
  });

  it('leaves a face whose file is missing on its local() rule and says why; a document without the rules as it was', () => {
    const fonts = { ...DEFAULT_FONTS, kai: { file: '/nonexistent/kai.ttf', index: 0 } };
    const local = fontFaceCss(fonts);
    const { html, failed } = withSubsetFonts(`<style>${local}</style>`, fonts, local);
    expect(failed.map((f) => f.role)).toEqual(['kai']);
    expect(html).toContain(local.split('\n')[4]);
    expect(html.match(/data:font\/ttf/g)).toHaveLength(3); // Noto Serif SC (title), UMing (song, fangsong), WenQuanYi
    expect(withSubsetFonts('<p>x</p>', DEFAULT_FONTS, local)).toEqual({ html: '<p>x</p>', failed: [] });
  });
});
