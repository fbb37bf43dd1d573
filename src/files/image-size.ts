/**
 * The width and height a PNG or JPEG declares in its header, read from the bytes without decoding anything:
 * the PNG's IHDR chunk, the JPEG's first SOFn segment. One pass over the segment headers, each byte looked
 * at once at most, so a crafted file costs no more than its length. Null when the header cannot be read
 * (cut off, or not a PNG or JPEG).
 */
export interface ImageSize {
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function imageSize(buf: Buffer): ImageSize | null {
  if (PNG_SIGNATURE.every((b, i) => buf[i] === b)) return pngSize(buf);
  if (buf[0] === 0xff && buf[1] === 0xd8) return jpegSize(buf);
  return null;
}

/** A PNG's first chunk is IHDR (libpng refuses anything else): length 13, then width and height, 32-bit big-endian. */
function pngSize(buf: Buffer): ImageSize | null {
  if (buf.length < 24 || buf.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/**
 * Walks the JPEG's marker segments up to the first SOFn (C0–CF but C4 DHT, C8 JPG and CC DAC): its
 * height and width are the 16-bit words after the precision byte. Like libjpeg, bytes that are no marker
 * are skipped up to the next 0xFF; APPn segments (the EXIF thumbnail, a JPEG of its own) are skipped whole.
 */
function jpegSize(buf: Buffer): ImageSize | null {
  let at = 2;
  while (at < buf.length) {
    if (buf[at] !== 0xff) {
      at++;
      continue;
    }
    const marker = buf[at + 1];
    if (marker === undefined) return null;
    if (marker === 0xff || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      // fill byte, TEM or a marker without a length
      at++;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda || at + 4 > buf.length) return null; // EOI or image data before any SOF
    const length = buf.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (at + 9 > buf.length) return null;
      return { width: buf.readUInt16BE(at + 7), height: buf.readUInt16BE(at + 5) };
    }
    if (length < 2) return null;
    at += 2 + length;
  }
  return null;
}

/** The default of XS_IMAGE_MAX_PIXELS: 50 megapixels, a 8660×5773 photo, larger than any phone's camera. */
export const DEFAULT_IMAGE_MAX_PIXELS = 50_000_000;

/** “5000万” for 50,000,000: the budget as a person reads it (rounded down, so “以内” stays true). */
export function pixelBudgetLabel(maxPixels: number): string {
  return maxPixels >= 10_000 ? `${Math.floor(maxPixels / 10_000)}万` : String(maxPixels);
}

/** The Chinese refusal of an image over the budget, naming its size. */
export function pixelsTooManyMessage(size: ImageSize, maxPixels: number): string {
  return `图片像素过大（${size.width}×${size.height}），请压缩到${pixelBudgetLabel(maxPixels)}像素以内后再上传`;
}

/** True when the image declares more pixels than `maxPixels`. */
export const overPixelBudget = (size: ImageSize, maxPixels: number): boolean => size.width * size.height > maxPixels;
