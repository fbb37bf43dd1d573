import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import type { ReadStream } from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Attachment } from './attachment.entity';
import { ACCEPTED_TYPES_LABEL, DetectedType, detectFileType, nameForType } from './file-type';
import { imageSize, overPixelBudget, pixelsTooManyMessage } from './image-size';

/** What the multipart parser hands over for one uploaded file. */
export interface Upload {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/**
 * Files kept for records. The bytes are written once under XS_FILES_DIR/attachments/ab/abcdef…
 * (content-addressed: the same file uploaded twice is stored once, a re-run writes nothing new)
 * after the row is inserted, inside its transaction: a refused upload or a failed insert writes no
 * file, a failed write rolls the row back, and only a failure after it (the audit entry, which stays
 * last because it locks the chain's head, or the commit) can leave an unreferenced file — never a
 * row without its bytes. Who may read a file is decided by the owning module before `open`.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks the type from the bytes (415), the size (413) and an image's pixel count as its header declares it
   * (413, XS_IMAGE_MAX_PIXELS: a small file of huge dimensions would be decoded in full later), stores the bytes and adds the row, audited, in the caller's transaction.
   * `only` narrows the accepted types (photos: JPEG and PNG), `label` names them in the refusal (“只能上传 <label>”).
   */
  async add(
    em: EntityManager,
    actor: Actor,
    owner: { type: string; id: number },
    upload: Upload | undefined,
    only?: { exts: readonly DetectedType['ext'][]; label: string },
  ): Promise<Attachment> {
    if (!upload) throw AppError.invalid({ file: ['请选择要上传的文件'] }, '请选择要上传的文件');
    if (upload.size > this.config.uploadMaxBytes) throw tooLarge(this.config.uploadMaxBytes);
    if (upload.size === 0) throw AppError.invalid({ file: ['文件是空的'] }, '文件是空的');
    const type = detectFileType(upload.buffer);
    if (!type || (only && !only.exts.includes(type.ext)))
      throw unsupported(`只能上传 ${only?.label ?? `${ACCEPTED_TYPES_LABEL} 文件`}`, only?.exts);
    this.checkPixels(upload.buffer);
    const name = nameForType(cleanName(upload.originalname), type);
    if (!name) throw unsupported(`文件名的扩展名与文件内容（${type.label}）不符，请检查后重新上传`);
    const sha256 = createHash('sha256').update(upload.buffer).digest('hex');
    const row = await em.save(
      em.create(Attachment, {
        ownerType: owner.type,
        ownerId: owner.id,
        name,
        mime: type.mime,
        bytes: upload.size,
        sha256,
        uploadedById: actor.id,
      }),
    );
    await this.writeOnce(sha256, upload.buffer);
    await this.audit.record(em, {
      actor,
      action: `${owner.type}.attach`,
      entityType: owner.type,
      entityId: owner.id,
      to: { attachmentId: row.id, name: row.name, bytes: row.bytes, sha256 },
    });
    return row;
  }

  /**
   * Removes one attachment of this owner (404 when it has no such attachment), audited, in the caller's
   * transaction. The bytes stay: the audit trail names them by checksum, and another row may share them.
   */
  async remove(
    em: EntityManager,
    actor: Actor,
    owner: { type: string; id: number },
    attachmentId: number,
  ): Promise<void> {
    const row = await this.find(em, owner, attachmentId);
    await em.delete(Attachment, { id: row.id });
    await this.audit.record(em, {
      actor,
      action: `${owner.type}.detach`,
      entityType: owner.type,
      entityId: owner.id,
      from: { attachmentId: row.id, name: row.name, bytes: row.bytes, sha256: row.sha256 },
      to: null,
    });
  }

  list(em: EntityManager, ownerType: string, ownerId: number): Promise<Attachment[]> {
    return em.find(Attachment, { where: { ownerType, ownerId }, order: { id: 'ASC' } });
  }

  /** The row and a stream of its bytes, when it belongs to this owner (else 404, whether or not it exists elsewhere). */
  async open(
    em: EntityManager,
    owner: { type: string; id: number },
    attachmentId: number,
  ): Promise<{ attachment: Attachment; stream: fs.ReadStream }> {
    const attachment = await this.find(em, owner, attachmentId);
    const file = this.pathOf(attachment.sha256);
    if (!fs.existsSync(file)) throw new AppError(500, 'ATTACHMENT_MISSING', '附件文件已丢失，请联系系统管理员');
    return { attachment, stream: fs.createReadStream(file) };
  }

  /** The first `max` bytes of a stored file (enough for a JPEG's EXIF block). */
  async readStart(attachment: Attachment, max: number): Promise<Buffer> {
    const handle = await fs.promises.open(this.pathOf(attachment.sha256), 'r');
    try {
      const buf = Buffer.alloc(Math.min(max, attachment.bytes));
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  /** A PNG or JPEG over the pixel budget is refused; one whose header cannot be read is kept (reports will not decode it). */
  private checkPixels(bytes: Buffer): void {
    const size = imageSize(bytes);
    if (size && overPixelBudget(size, this.config.imageMaxPixels))
      throw new AppError(413, 'IMAGE_TOO_LARGE', pixelsTooManyMessage(size, this.config.imageMaxPixels), {
        width: size.width,
        height: size.height,
        maxPixels: this.config.imageMaxPixels,
      });
  }

  private async find(
    em: EntityManager,
    owner: { type: string; id: number },
    attachmentId: number,
  ): Promise<Attachment> {
    const row = await em.findOneBy(Attachment, { id: attachmentId, ownerType: owner.type, ownerId: owner.id });
    if (!row) throw AppError.notFound('附件', 'ATTACHMENT_NOT_FOUND');
    return row;
  }

  private pathOf(sha256: string): string {
    return path.join(this.config.filesDir, 'attachments', sha256.slice(0, 2), sha256);
  }

  private async writeOnce(sha256: string, bytes: Buffer): Promise<void> {
    const file = this.pathOf(sha256);
    if (fs.existsSync(file)) return;
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomUUID()}.tmp`;
    await fs.promises.writeFile(tmp, bytes, { flag: 'wx' });
    await fs.promises.rename(tmp, file);
  }
}

export function tooLarge(max: number): AppError {
  return new AppError(413, 'FILE_TOO_LARGE', `文件不能超过 ${Math.round(max / 1024 / 1024)} MB`, { maxBytes: max });
}

/** Keeps the uploader's name readable but safe for a Content-Disposition header and a file system. */
function cleanName(raw: string): string {
  // multer hands over the multipart filename as latin1; browsers send UTF-8 bytes.
  const decoded = Buffer.from(raw, 'latin1').toString('utf8');
  const name = (decoded.includes('\uFFFD') ? raw : decoded)
    // Control characters, path separators and quotes never reach a stored name or a Content-Disposition header;
    // nor do bidi controls (U+202E RIGHT-TO-LEFT OVERRIDE shows report\u202Egnp.pdf as “reportfdp.png”).
    // eslint-disable-next-line no-control-regex -- matching control characters is the point here
    .replace(/[\u0000-\u001f\u007f/\\"\p{Bidi_Control}]/gu, '')
    .trim()
    .slice(0, 200);
  return name || '附件';
}

const unsupported = (message: string, accepted: readonly string[] = ['pdf', 'doc', 'docx', 'jpg', 'png']) =>
  new AppError(415, 'UNSUPPORTED_FILE_TYPE', message, { accepted });

/** `Content-Disposition` with the UTF-8 name (RFC 6266 / 5987) and an ASCII fallback. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/[";\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * A stored attachment as the download response: its type as judged from the bytes at upload (nosniff keeps
 * browsers from guessing another), its name, never cached. Every owner's download endpoint answers with this.
 */
export function attachmentDownload(
  res: Response,
  { attachment, stream }: { attachment: Attachment; stream: ReadStream },
): StreamableFile {
  res.set({ 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, no-store' });
  return new StreamableFile(stream, {
    type: attachment.mime,
    disposition: contentDisposition(attachment.name),
    length: attachment.bytes,
  });
}
