import * as fs from 'node:fs';
import { FONT_ROLES, FontFile, FontRole, FontSet } from '../config/fonts';
import { fontFamily } from './fonts';

/** The functions of HarfBuzz's subsetter (harfbuzzjs' `harfbuzz-subset.wasm`) that we call. */
interface HarfBuzz {
  memory: { buffer: ArrayBuffer };
  _initialize(): void;
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

/** Node's WebAssembly (the ES2022 lib this project compiles against does not declare it). */
const wasmApi = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: object) => { exports: unknown };
    };
  }
).WebAssembly;

const HB_MEMORY_MODE_READONLY = 1;

/**
 * Always kept in a subset, whatever the document's characters: printable ASCII (page numbers, entities that
 * Handlebars writes for & < > " ' = `), the spaces the templates write as entities (&nbsp; &emsp;) and the
 * punctuation Chromium may generate itself (the page number's dashes, quotes, an ellipsis).
 */
const ALWAYS =
  Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('') +
  '\u00a0\u2002\u2003\u2009\u3000—–…“”‘’·、。，：；！？（）《》「」';

let harfbuzz: HarfBuzz | null = null;
/**
 * The font files, read once per process, by file, size and mtime (a replaced file is read again). They stay in
 * Node's memory, not in the subsetter's: its WebAssembly memory is fixed at 64 MB and the four default files
 * alone come to 68 MB, so each subset copies its file in and frees it after.
 */
const files = new Map<string, Buffer>();

function hb(): HarfBuzz {
  if (!harfbuzz) {
    const wasm = fs.readFileSync(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
    const instance = new wasmApi.Instance(new wasmApi.Module(wasm), {});
    harfbuzz = instance.exports as unknown as HarfBuzz;
    harfbuzz._initialize();
  }
  return harfbuzz;
}

const fileKey = (font: FontFile, stat: fs.Stats) => `${font.file}#${stat.size}#${stat.mtimeMs}`;

/** The whole file of `font` (17–21 MB for Debian's CJK fonts), read once per process. */
function bytesOf(font: FontFile): Buffer {
  const key = fileKey(font, fs.statSync(font.file));
  let bytes = files.get(key);
  if (!bytes) files.set(key, (bytes = fs.readFileSync(font.file)));
  return bytes;
}

/**
 * Reads the files of `fonts` without holding the event loop for the reading (a second or so for the defaults on
 * a busy machine), so that the first render does not: `PdfRenderer` calls it while Chromium starts. A file that
 * cannot be read is left to `subsetFace`, which says why.
 */
export async function loadFaces(fonts: FontSet): Promise<void> {
  for (const role of FONT_ROLES) {
    const font = fonts[role];
    try {
      const key = fileKey(font, await fs.promises.stat(font.file));
      if (!files.has(key)) files.set(key, await fs.promises.readFile(font.file));
    } catch {
      // reported when the render asks for the face
    }
  }
}

/** `font` cut down to the glyphs of `codepoints` (and what its layout tables reach from them), as a TrueType file. */
export function subsetFace(font: FontFile, codepoints: Iterable<number>): Buffer {
  const h = hb();
  const bytes = bytesOf(font);
  const ptr = h.malloc(bytes.length);
  if (!ptr) throw new Error(`字体子集程序内存不足：${font.file}（${Math.round(bytes.length / 1e6)} MB）`);
  let source = 0;
  try {
    new Uint8Array(h.memory.buffer).set(bytes, ptr);
    const blob = h.hb_blob_create(ptr, bytes.length, HB_MEMORY_MODE_READONLY, 0, 0);
    source = h.hb_face_create(blob, font.index);
    h.hb_blob_destroy(blob); // the face keeps its own reference
    return subsetOf(h, source, font, codepoints);
  } finally {
    if (source) h.hb_face_destroy(source);
    h.free(ptr);
  }
}

function subsetOf(h: HarfBuzz, source: number, font: FontFile, codepoints: Iterable<number>): Buffer {
  const input = h.hb_subset_input_create_or_fail();
  if (!input) throw new Error('HarfBuzz 无法创建子集输入');
  let subset = 0;
  try {
    const unicodes = h.hb_subset_input_unicode_set(input);
    for (const cp of codepoints) h.hb_set_add(unicodes, cp);
    subset = h.hb_subset_or_fail(source, input);
  } finally {
    h.hb_subset_input_destroy(input);
  }
  if (!subset) throw new Error(`HarfBuzz 无法生成字体子集：${font.file}`);
  const blob = h.hb_face_reference_blob(subset);
  try {
    const at = h.hb_blob_get_data(blob, 0);
    const length = h.hb_blob_get_length(blob);
    if (!length) throw new Error(`HarfBuzz 生成的字体子集为空：${font.file}`);
    return Buffer.from(new Uint8Array(h.memory.buffer, at, length));
  } finally {
    h.hb_blob_destroy(blob);
    h.hb_face_destroy(subset);
  }
}

/**
 * Every character `html` can print: its own (numeric character references decoded) and ALWAYS. `data:` URLs
 * (a visit report's photos: megabytes of base64, all ASCII) are skipped.
 */
export function documentCodepoints(html: string): Set<number> {
  const out = new Set<number>();
  for (const ch of ALWAYS + html.replace(/data:[^"')\s]*/g, '')) out.add(ch.codePointAt(0)!);
  for (const m of html.matchAll(/&#(x[0-9a-f]+|\d+);/gi)) {
    const cp = m[1][0].toLowerCase() === 'x' ? parseInt(m[1].slice(1), 16) : Number(m[1]);
    if (cp <= 0x10ffff) out.add(cp);
  }
  return out;
}

/** What `withSubsetFonts` did: the document, and the roles left on their `local()` face with the reason. */
export interface SubsetResult {
  html: string;
  failed: Array<{ role: FontRole; reason: string }>;
}

/**
 * `html` with the configured faces' `local()` rules (`localCss`, the `fontFaceCss` the report templates write)
 * replaced by subsets of the same files holding only the document's characters, as `data:` fonts. Chromium embeds
 * a face in every PDF it prints by reading and subsetting the whole font, 60–90 ms a file for Debian's 17–21 MB
 * CJK fonts whatever the text (docs/benchmarks.md#benchpdf); a subset of a few hundred glyphs costs it next to
 * nothing. Metrics, outlines and names are the file's own, so the layout and the PDF's fonts (subset CID
 * TrueType, named as the face) stay as they were. `html` comes back as it was when it does not hold those rules;
 * a face that cannot be subset (a missing file) keeps its `local()` rule, which loads, or fails to, as before.
 */
export function withSubsetFonts(html: string, fonts: FontSet, localCss: string): SubsetResult {
  const at = html.indexOf(localCss);
  if (at < 0) return { html, failed: [] };
  const local = localCss.split('\n');
  const codepoints = documentCodepoints(html);
  /** The family that carries each subset file, and the families of the roles on the same file. */
  const carriers = new Map<string, string>();
  const alias = new Map<string, string>();
  const failed: SubsetResult['failed'] = [];
  const rules = FONT_ROLES.map((role, i) => {
    const font = fonts[role];
    const key = `${font.file}#${font.index}`;
    const carrier = carriers.get(key);
    if (carrier) {
      alias.set(fontFamily(role), carrier);
      return null;
    }
    let url: string;
    try {
      url = `data:font/ttf;base64,${subsetFace(font, codepoints).toString('base64')}`;
    } catch (e) {
      failed.push({ role, reason: (e as Error).message });
      return local[i];
    }
    carriers.set(key, fontFamily(role));
    return `@font-face { font-family: ${fontFamily(role)}; src: url(${url}); }`;
  }).filter((r): r is string => r !== null);
  const swapped = html.slice(0, at) + rules.join('\n') + html.slice(at + localCss.length);
  // Roles on one file share its one subset: their families are renamed to the carrier's in the style sheets (the
  // templates' own, never the document's text), which carries the font's bytes once instead of once a role (a
  // third of setContent's time for the defaults, where three roles are UMing).
  const families = new RegExp(`\\b(${[...alias.keys()].join('|')})\\b`, 'g');
  return {
    html: alias.size
      ? swapped.replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, (sheet) => sheet.replace(families, (f) => alias.get(f)!))
      : swapped,
    failed,
  };
}
