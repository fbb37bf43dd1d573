/*
 * The small preview a camera stores inside a JPEG photo: the EXIF thumbnail (IFD1's
 * JPEGInterchangeFormat, usually 160×120), read from the bytes without an image library.
 * Photos without one (PNGs, edited or scanned pictures) have no preview and are shown reduced in size.
 */

const EXIF = Buffer.from('Exif\0\0', 'latin1');

export function jpegThumbnail(buf: Buffer): Buffer | null {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) return null;
  // Walk the marker segments up to the image data (SOS); EXIF sits in an APP1 near the start.
  for (let at = 2; at + 4 <= buf.length && buf[at] === 0xff;) {
    const marker = buf[at + 1];
    const length = buf.readUInt16BE(at + 2);
    if (marker === 0xda || length < 2) return null;
    if (marker === 0xe1 && buf.subarray(at + 4, at + 10).equals(EXIF))
      return fromTiff(buf.subarray(at + 10, at + 2 + length));
    at += 2 + length;
  }
  return null;
}

function fromTiff(tiff: Buffer): Buffer | null {
  if (tiff.length < 8) return null;
  const little = tiff.toString('latin1', 0, 2) === 'II';
  if (!little && tiff.toString('latin1', 0, 2) !== 'MM') return null;
  const u16 = (o: number) => (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  if (u16(2) !== 42) return null;
  const ifd0 = u32(4);
  if (ifd0 + 2 > tiff.length) return null;
  const ifd1At = ifd0 + 2 + u16(ifd0) * 12;
  if (ifd1At + 4 > tiff.length) return null;
  const ifd1 = u32(ifd1At);
  if (!ifd1 || ifd1 + 2 > tiff.length) return null;
  let offset = 0;
  let length = 0;
  for (let i = 0, n = u16(ifd1); i < n; i++) {
    const e = ifd1 + 2 + i * 12;
    if (e + 12 > tiff.length) return null;
    if (u16(e) === 0x0201) offset = u32(e + 8);
    if (u16(e) === 0x0202) length = u32(e + 8);
  }
  if (!offset || !length || offset + length > tiff.length) return null;
  const thumb = tiff.subarray(offset, offset + length);
  return thumb[0] === 0xff && thumb[1] === 0xd8 ? Buffer.from(thumb) : null;
}
