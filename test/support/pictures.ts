import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/**
 * The picture regression of the report kinds (docs/design/testing.md): a PDF's first page at low resolution in
 * grey, compared with a committed reference by pixelmatch. Low resolution on purpose — a picture of where the
 * blocks stand, not of the glyphs: a block moved by a few millimetres changes hundreds of pixels, while
 * anti-aliasing noise changes a handful.
 */

/** 30 dpi: an A4 page is 248 × 351 pixels; 1 mm is about 1.2 pixels. */
export const PICTURE_DPI = 30;
/** pixelmatch's per-pixel colour distance (0–1): grey levels closer than this count as the same. */
export const PIXEL_THRESHOLD = 0.1;
/**
 * The share of differing pixels above which a page has changed: 0.5 %, about 435 pixels of a page. Five runs of
 * all seven kinds on this machine differed by 0 pixels; the whole text moved down by 0.5 mm differs by 3.5–3.8 %,
 * the briefing's title moved by 3 mm by 6.5 % (docs/benchmarks.md). The margin is left for another Chromium or
 * poppler build, whose anti-aliasing may differ by a few edge pixels.
 */
export const MAX_DIFF_RATIO = 0.005;

export const RENEW_COMMAND = 'XS_UPDATE_PICTURES=1 npx jest --selectProjects e2e-sqlite --maxWorkers=1 pictures';

/** Where a failed comparison leaves the page it saw and the difference, to look at. */
export const PICTURE_OUT_DIR = path.resolve(__dirname, '../../.tmp/pictures');

/** The first page of `pdf` as a grey PNG at `dpi`, rasterised by poppler. */
export function firstPagePng(pdf: Buffer, dpi = PICTURE_DPI): PNG {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-picture-'));
  try {
    fs.writeFileSync(path.join(dir, 'doc.pdf'), pdf);
    execFileSync(
      'pdftoppm',
      ['-r', String(dpi), '-f', '1', '-l', '1', '-gray', '-png', '-singlefile', 'doc.pdf', 'page'],
      {
        cwd: dir,
      },
    );
    return PNG.sync.read(fs.readFileSync(path.join(dir, 'page.png')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface PictureDiff {
  /** Pixels that differ beyond PIXEL_THRESHOLD (anti-aliased edges not counted); all of them when the sizes differ. */
  pixels: number;
  ratio: number;
  /** Red where they differ, over a faded copy of the reference. */
  diff: PNG;
}

export function comparePictures(actual: PNG, reference: PNG): PictureDiff {
  const { width, height } = reference;
  const diff = new PNG({ width, height });
  if (actual.width !== width || actual.height !== height) return { pixels: width * height, ratio: 1, diff };
  const pixels = pixelmatch(actual.data, reference.data, diff.data, width, height, { threshold: PIXEL_THRESHOLD });
  return { pixels, ratio: pixels / (width * height), diff };
}

/**
 * Compares `actual` with `<dir>/<name>.png`. With XS_UPDATE_PICTURES=1 it writes the reference instead (renewing
 * on purpose); a missing reference fails with the same advice. Returns the share of differing pixels.
 */
export function expectLikeReference(dir: string, name: string, actual: PNG): number {
  const file = path.join(dir, `${name}.png`);
  if (process.env.XS_UPDATE_PICTURES === '1') {
    fs.writeFileSync(file, PNG.sync.write(actual, { colorType: 0 }));
    return 0;
  }
  if (!fs.existsSync(file))
    throw new Error(`No reference picture ${path.relative(process.cwd(), file)}: make it with\n  ${RENEW_COMMAND}`);
  const result = comparePictures(actual, PNG.sync.read(fs.readFileSync(file)));
  if (result.ratio > MAX_DIFF_RATIO) {
    fs.mkdirSync(PICTURE_OUT_DIR, { recursive: true });
    const seen = path.join(PICTURE_OUT_DIR, `${name}.actual.png`);
    const diff = path.join(PICTURE_OUT_DIR, `${name}.diff.png`);
    fs.writeFileSync(seen, PNG.sync.write(actual));
    fs.writeFileSync(diff, PNG.sync.write(result.diff));
    throw new Error(
      `The first page of ${name} differs from its reference in ${result.pixels} pixels ` +
        `(${(result.ratio * 100).toFixed(2)} % > ${MAX_DIFF_RATIO * 100} %). See ${seen} and ${diff}.\n` +
        `If the change is meant, renew the references and commit them:\n  ${RENEW_COMMAND}`,
    );
  }
  return result.ratio;
}
