/**
 * What a file is, judged from its first bytes — never from its name or the browser's claim.
 * Accepted for attachments: PDF, Word (.docx and the older .doc), JPEG and PNG.
 */
export interface DetectedType {
  mime: string;
  ext: string;
  /** The extensions a file name of this type may end with (Word opens either Word extension). */
  extensions: readonly string[];
  label: string;
}

const WORD = ['doc', 'docx'];
const PDF: DetectedType = { mime: 'application/pdf', ext: 'pdf', extensions: ['pdf'], label: 'PDF 文档' };
const DOCX: DetectedType = {
  mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ext: 'docx',
  extensions: WORD,
  label: 'Word 文档',
};
const DOC: DetectedType = { mime: 'application/msword', ext: 'doc', extensions: WORD, label: 'Word 97-2003 文档' };
const JPEG: DetectedType = { mime: 'image/jpeg', ext: 'jpg', extensions: ['jpg', 'jpeg'], label: 'JPEG 图片' };
const PNG: DetectedType = { mime: 'image/png', ext: 'png', extensions: ['png'], label: 'PNG 图片' };

const startsWith = (buf: Buffer, bytes: number[], at = 0): boolean =>
  buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);

/** The Chinese name of a stored file's type ("PDF 文档"), from the MIME type detected at upload. */
export function typeLabelOf(mime: string): string {
  return [PDF, DOCX, DOC, JPEG, PNG].find((t) => t.mime === mime)?.label ?? '文件';
}

/**
 * The file name to keep for bytes of `type`: unchanged when its extension fits the content, with the
 * right extension added when it has none (or only a number such as 报告.2024), and null when it
 * claims another type (报告.pdf holding a PNG or a program): such a file is refused, not renamed.
 */
export function nameForType(name: string, type: DetectedType): string | null {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1].toLowerCase();
  if (ext && type.extensions.includes(ext)) return name;
  if (!ext || /^\d+$/.test(ext)) return `${name}.${type.ext}`;
  return null;
}

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
