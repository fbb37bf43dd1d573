/**
 * What a file is, judged from its first bytes — never from its name or the browser's claim.
 * Accepted for attachments: PDF, Word (.docx and the older .doc), JPEG and PNG.
 */
export interface DetectedType {
  mime: string;
  ext: string;
  label: string;
}

const PDF: DetectedType = { mime: 'application/pdf', ext: 'pdf', label: 'PDF 文档' };
const DOCX: DetectedType = { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', label: 'Word 文档' };
const DOC: DetectedType = { mime: 'application/msword', ext: 'doc', label: 'Word 97-2003 文档' };
const JPEG: DetectedType = { mime: 'image/jpeg', ext: 'jpg', label: 'JPEG 图片' };
const PNG: DetectedType = { mime: 'image/png', ext: 'png', label: 'PNG 图片' };

const startsWith = (buf: Buffer, bytes: number[], at = 0): boolean => buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);

export function detectFileType(buf: Buffer): DetectedType | null {
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF; // %PDF-
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return isWord97(buf) ? DOC : null;
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return zipHasEntry(buf, 'word/') ? DOCX : null;
  return null;
}

/** An OLE2 compound file is also Excel or PowerPoint; a Word one has a "WordDocument" stream, named in UTF-16LE in its directory. */
function isWord97(buf: Buffer): boolean {
  return buf.includes(Buffer.from('WordDocument', 'utf16le'));
}

/** A .docx is a ZIP whose entries include word/…; .xlsx and .pptx are ZIPs too, and refused. Reads the central directory's names. */
function zipHasEntry(buf: Buffer, prefix: string): boolean {
  const sig = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = buf.indexOf(sig); at >= 0 && at + 46 <= buf.length; at = buf.indexOf(sig, at + 4)) {
    const nameLength = buf.readUInt16LE(at + 28);
    const name = buf.toString('utf8', at + 46, Math.min(buf.length, at + 46 + nameLength));
    if (name.startsWith(prefix)) return true;
  }
  return false;
}

export const ACCEPTED_TYPES_LABEL = 'PDF、Word（doc/docx）、JPEG 或 PNG';
