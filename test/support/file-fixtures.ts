import { createHash } from 'node:crypto';

/**
 * Minimal real-format files for tests: a ZIP with named (empty) entries and an OLE2 header
 * naming a stream. Built byte by byte so the tests need no binary fixtures in the repository.
 */
export function tinyZip(...names: string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(n.length, 26);
    locals.push(local, n);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, n);
    offset += 30 + n.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

export const tinyDocx = (): Buffer => tinyZip('[Content_Types].xml', '_rels/.rels', 'word/document.xml');

export function tinyOle2(stream: string): Buffer {
  const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return Buffer.concat([header, Buffer.alloc(504), Buffer.from(stream, 'utf16le'), Buffer.alloc(64)]);
}

/** A 1×1 PNG. */
export const tinyPng = (): Buffer =>
  Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0b1a80000000049454e44ae426082',
    'hex',
  );

export const tinyPdf = (): Buffer =>
  Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** A small JPEG (header only: enough for the type check). */
export const tinyJpeg = (): Buffer =>
  Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
    0x00, 0xff, 0xd9,
  ]);

/** A JPEG whose EXIF block (big- or little-endian) carries `thumbnail` as its IFD1 preview, as cameras write it. */
export function jpegWithThumbnail(thumbnail: Buffer, little = true): Buffer {
  const u16 = (v: number) => {
    const b = Buffer.alloc(2);
    if (little) b.writeUInt16LE(v);
    else b.writeUInt16BE(v);
    return b;
  };
  const u32 = (v: number) => {
    const b = Buffer.alloc(4);
    if (little) b.writeUInt32LE(v);
    else b.writeUInt32BE(v);
    return b;
  };
  const entry = (tag: number, value: number) => Buffer.concat([u16(tag), u16(4), u32(1), u32(value)]);
  // TIFF header (8) · IFD0 with no entries (2 + 4) · IFD1 with two entries (2 + 24 + 4) · the thumbnail
  const ifd1 = 14;
  const thumbAt = ifd1 + 2 + 24 + 4;
  const tiff = Buffer.concat([
    Buffer.from(little ? 'II' : 'MM', 'latin1'),
    u16(42),
    u32(8),
    u16(0),
    u32(ifd1),
    u16(2),
    entry(0x0201, thumbAt),
    entry(0x0202, thumbnail.length),
    u32(0),
    thumbnail,
  ]);
  const app1 = Buffer.concat([
    Buffer.from([0xff, 0xe1]),
    Buffer.from([(tiff.length + 8) >> 8, (tiff.length + 8) & 0xff]),
    Buffer.from('Exif\0\0', 'latin1'),
    tiff,
  ]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, tinyJpeg().subarray(2)]);
}

/** The hex SHA-256 of `bytes`, as the file store names and checks them. */
export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
