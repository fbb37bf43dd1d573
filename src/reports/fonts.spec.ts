import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_FONTS, packagedFont } from '../config/fonts';
import { fontconfigXml, fontFaceCss, fontProblems, readFaceInfo } from './fonts';

describe('the default faces (issue 16: a heavy Song for titles, LXGW WenKai for 楷体)', () => {
  it('the title face is Noto Serif SC Bold from node_modules, with TrueType (glyf) outlines', () => {
    const { file } = DEFAULT_FONTS.title;
    expect(file).toBe(
      fs.realpathSync(path.resolve('node_modules/@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf')),
    );
    expect(readFaceInfo(DEFAULT_FONTS.title)).toEqual({
      postscriptName: 'NotoSerifSC-Bold',
      fullName: 'Noto Serif SC Bold',
      outlines: 'truetype',
    });
  });

  it('the 楷体 face is LXGW WenKai Regular, with TrueType outlines', () => {
    expect(readFaceInfo(DEFAULT_FONTS.kai)).toEqual({
      postscriptName: 'LXGWWenKai-Regular',
      fullName: 'LXGW WenKai',
      outlines: 'truetype',
    });
  });

  it('every default face is there and none is CFF', () => {
    expect(fontProblems(DEFAULT_FONTS)).toEqual([]);
  });

  it("Chromium's fontconfig file adds the title face's folder in node_modules, and the CSS asks for it by name", () => {
    const xml = fontconfigXml(DEFAULT_FONTS, '/tmp/cache');
    expect(xml).toContain(`<dir>${path.dirname(DEFAULT_FONTS.title.file)}</dir>`);
    expect(xml).toContain('<dir>/usr/share/fonts/truetype/lxgw-wenkai</dir>');
    expect(fontFaceCss(DEFAULT_FONTS)).toContain(
      '@font-face { font-family: xs-title; src: local("NotoSerifSC-Bold"), local("Noto Serif SC Bold"); }',
    );
  });

  it('a package that is not installed gives its path under ./node_modules, which /health reports as missing', () => {
    const file = packagedFont('@xieshang/no-such-font/Face.ttf');
    expect(file).toBe(path.resolve('node_modules/@xieshang/no-such-font/Face.ttf'));
    expect(fontProblems({ ...DEFAULT_FONTS, title: { file, index: 0 } })).toEqual([
      expect.objectContaining({ role: 'title', problem: 'missing', message: `小标宋字体文件不存在：${file}` }),
    ]);
  });

  it('a CFF (OpenType/PostScript) font is reported, since Chromium would print it as Type 3', () => {
    // The smallest sfnt with a CFF table and no glyf: the outline kind is all readFaceInfo looks at.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-font-'));
    const file = path.join(dir, 'cff.ttf');
    const head = Buffer.alloc(12 + 16);
    head.write('OTTO', 0, 'latin1');
    head.writeUInt16BE(1, 4);
    head.write('CFF ', 12, 'latin1');
    head.writeUInt32BE(28, 20);
    fs.writeFileSync(file, Buffer.concat([head, Buffer.alloc(4)]));
    try {
      expect(readFaceInfo({ file, index: 0 }).outlines).toBe('cff');
      expect(fontProblems({ ...DEFAULT_FONTS, kai: { file, index: 0 } })).toEqual([
        expect.objectContaining({ role: 'kai', problem: 'cff' }),
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
