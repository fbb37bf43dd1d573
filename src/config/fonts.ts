import * as path from 'node:path';

/**
 * The faces of a GB/T 9704 document. Each role is one TrueType file (a `.ttc` collection with a face index).
 *
 * For the README (configuration): the defaults are free TrueType CJK fonts — Noto Serif SC Bold from the npm
 * package @expo-google-fonts/noto-serif-sc (a dependency), Debian's fonts-lxgw-wenkai, fonts-arphic-uming and
 * fonts-wqy-zenhei. Offices with licensed fonts point these variables at the files, `/path/file.ttf` or
 * `/path/file.ttc#N` for face N of a collection:
 *   XS_FONT_TITLE    方正小标宋 (titles, masthead)       default Noto Serif SC Bold
 *   XS_FONT_SONG     宋体 (page numbers, tables)          default AR PL UMing CN
 *   XS_FONT_FANGSONG 仿宋_GB2312 (body)                   default AR PL UMing CN
 *   XS_FONT_HEI      黑体 (headings 一、)                 default WenQuanYi Zen Hei
 *   XS_FONT_KAI      楷体_GB2312 (headings （一）)        default LXGW WenKai
 * Only TrueType outlines: Chromium prints CFF fonts (Noto CJK, most .otf) as Type 3 fonts, slower and larger.
 * A missing or CFF file is a start-up warning and makes /health answer 503 (`pdf` down).
 */
export type FontRole = 'title' | 'song' | 'fangsong' | 'hei' | 'kai';

export interface FontFile {
  file: string;
  /** The face inside a `.ttc` collection (0 for a plain `.ttf`). */
  index: number;
}

export type FontSet = Record<FontRole, FontFile>;

export const FONT_ROLES: readonly FontRole[] = ['title', 'song', 'fangsong', 'hei', 'kai'];

export const FONT_ENV: Record<FontRole, string> = {
  title: 'XS_FONT_TITLE',
  song: 'XS_FONT_SONG',
  fangsong: 'XS_FONT_FANGSONG',
  hei: 'XS_FONT_HEI',
  kai: 'XS_FONT_KAI',
};

export const FONT_LABELS: Record<FontRole, string> = {
  title: '小标宋',
  song: '宋体',
  fangsong: '仿宋',
  hei: '黑体',
  kai: '楷体',
};

/**
 * A font file shipped by an npm dependency, wherever npm put it. A package that is not installed gives the path it
 * would have under ./node_modules, so start-up warns and /health names the missing file instead of the import failing.
 */
export function packagedFont(spec: string): string {
  try {
    return require.resolve(spec);
  } catch {
    return path.resolve('node_modules', spec);
  }
}

const UMING = '/usr/share/fonts/truetype/arphic/uming.ttc';
export const DEFAULT_FONTS: FontSet = {
  // A heavy Song with TrueType outlines, the nearest free face to 方正小标宋 (Debian has none: fonts-noto-cjk is CFF).
  // Its weight is the face's own: synthetic bold would turn a face into Type 3 glyphs (docs/design/pdf-and-fonts.md).
  title: { file: packagedFont('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf'), index: 0 },
  song: { file: UMING, index: 0 },
  fangsong: { file: UMING, index: 0 },
  hei: { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', index: 0 },
  kai: { file: '/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf', index: 0 },
};

/** `XS_FONT_*` → a font file, or a reason in Chinese (the caller names the variable). */
export function parseFontFile(raw: string): FontFile | string {
  const m = /^(.+?)(?:#(\d{1,2}))?$/.exec(raw.trim());
  const file = m?.[1] ?? '';
  if (!path.isAbsolute(file)) return `应为字体文件的绝对路径（可加 #序号 选择 .ttc 中的字体），实际为 "${raw}"`;
  if (!/\.(ttf|ttc)$/i.test(file)) return `应为 TrueType 字体文件（.ttf 或 .ttc），实际为 "${raw}"`;
  return { file, index: Number(m?.[2] ?? 0) };
}
