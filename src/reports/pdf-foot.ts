/**
 * The 版记 at the foot of the last page (GB/T 9704 §7.4; docs/design/pdf-and-fonts.md): the scripts `PdfRenderer`
 * runs in the page around its measuring print, where the 版记 landed, and how much space goes above it.
 */

/** Where the 版记 goes in the second print: `mm` of padding above it, on a page of its own, after a blank page. */
export interface FootPlan {
  mm: number;
  newPage: boolean;
  blankPage: boolean;
}

/** The address of the link FOOT_MARK wraps the 版记 in; never followed (nothing leaves the page). */
export const FOOT_LINK = 'https://xs-banji.invalid/';

/**
 * Runs in the page before the first print: the 版记 (`.banji`) wrapped in a link to FOOT_LINK, so that the
 * printed PDF says where it landed (a link annotation's /Rect: Chromium has no other way to tell where a box
 * fell in the pages). Returns null when the document has no 版记, else whether the office prints double-sided
 * (`<html data-duplex>`, from `duplex` in organization.json) and `from`, a page the document surely reaches:
 * the body laid out for a moment 156 mm wide on the screen, its height over the 225 mm of a 版心, less a tenth and
 * a page for what the screen does not do (margins truncated at a break). The measuring print starts there.
 */
export const FOOT_MARK = `(() => {
  const banji = [...document.querySelectorAll('.banji')].pop();
  if (!banji) return null;
  const link = document.createElement('a');
  link.href = '${FOOT_LINK}';
  link.className = 'xs-foot-mark';
  banji.replaceWith(link);
  link.appendChild(banji);
  const body = document.body;
  body.style.width = '156mm';
  const mm = (body.getBoundingClientRect().height * 25.4) / 96;
  body.style.removeProperty('width');
  return { duplex: document.documentElement.hasAttribute('data-duplex'), from: Math.max(1, Math.floor((mm / 225) * 0.9) - 1) };
})()`;

/**
 * Runs in the page before the second print: the link taken off again and `mm` of padding set above the 版记
 * (padding, not a spacer box: it leaves the collapsing of the margins above as it was), on a page of its own
 * when `newPage` — without its top margin there, which Chromium keeps after a forced break: with it, the 版记 of a
 * double-sided 1-page briefing no longer fitted its page and went on to a third.
 */
export const footSpacer = ({ mm, newPage, blankPage }: FootPlan) => `(() => {
  const link = document.querySelector('.xs-foot-mark');
  const banji = link.firstElementChild;
  link.replaceWith(banji);
  banji.style.paddingTop = '${mm.toFixed(2)}mm';
  if (${newPage}) {
    banji.style.breakBefore = 'page';
    banji.style.marginTop = '0';
  }
  if (${blankPage}) {
    const blank = document.createElement('div');
    blank.style.breakBefore = 'page';
    banji.before(blank);
  }
})()`;

/** The 版心's foot, from the top of an A4 page (GB/T 9704: 37 mm + 225 mm). */
const TEXT_FOOT_MM = 262;
const TEXT_TOP_MM = 37;
/** Left between the 版记 and the 版心's foot, so that rounding to device pixels never pushes it onto a new page. */
const FOOT_SLACK_MM = 0.3;
const PT_MM = 25.4 / 72;

/**
 * Where the 版记 stands in a PDF printed after FOOT_MARK: its top and bottom edges in millimetres from the top of the
 * page (Skia writes each link annotation as an uncompressed dictionary with its /Rect in points from the
 * bottom left corner). Null when the link is not found.
 */
export function footBoxMm(pdf: Buffer): { top: number; bottom: number } | null {
  const text = pdf.toString('latin1');
  const at = text.lastIndexOf(`(${FOOT_LINK})`);
  if (at < 0) return null;
  const start = text.lastIndexOf(' obj', at);
  const annot = text.slice(start, text.indexOf('endobj', at));
  const rect = /\/Rect\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(annot);
  const media = /\/MediaBox\s*\[\s*[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+([-\d.]+)\s*\]/.exec(text);
  if (!rect || !media) return null;
  const [y1, y2] = [Number(rect[2]), Number(rect[4])];
  return { top: (Number(media[1]) - Math.max(y1, y2)) * PT_MM, bottom: (Number(media[1]) - Math.min(y1, y2)) * PT_MM };
}

/**
 * The 版记's padding for the final print from where the measuring print put it (`box`, on the last of `pages`): down
 * to the 版心's foot; when the office prints double-sided and the last page is odd, on a page of its own at its
 * foot, after a blank page when it already stood alone at the top of that odd page (it did not fit after the
 * text; Chromium takes `break-before: left` for a plain page break).
 */
export function footPlan(box: { top: number; bottom: number }, duplex: boolean, pages: number): FootPlan {
  const newPage = duplex && pages % 2 === 1;
  const room = newPage
    ? TEXT_FOOT_MM - FOOT_SLACK_MM - TEXT_TOP_MM - (box.bottom - box.top)
    : TEXT_FOOT_MM - FOOT_SLACK_MM - box.bottom;
  return { mm: Math.max(0, room), newPage, blankPage: newPage && box.top < TEXT_TOP_MM + 2 };
}
