import { Readable } from 'node:stream';
import { Injectable, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { Tx } from '../database/tx';
import { toAttachmentView } from '../files/attachment.dto';
import { Attachment } from '../files/attachment.entity';
import { AttachmentsService, contentDisposition, Upload } from '../files/attachments.service';
import { jpegThumbnail } from '../files/jpeg-thumbnail';
import { PhotoView, VisitView } from './dto/visit-view.dto';
import { FindingDto } from './dto/visit.dto';
import { loadReadable } from './visit-access';
import { VisitStore } from './visit-store';
import { PHOTO_OWNER, photoUrl, VisitViews } from './visit-views';
import { VisitFinding, VisitStop } from './visit.entities';

export const PHOTO_TYPES = { exts: ['jpg', 'png'], label: 'JPEG 或 PNG 图片' } as const;

/** An EXIF block lives in the first 64 KB of a JPEG. */
const EXIF_WINDOW = 128 * 1024;

/** What a visit found: problems with suggestions (at a stop or overall), and photos. */
@Injectable()
export class VisitRecordsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly clock: Clock,
    private readonly store: VisitStore,
    private readonly views: VisitViews,
    private readonly files: AttachmentsService,
  ) {}

  addFinding(actor: Actor, id: number, dto: FindingDto): Promise<VisitView> {
    return this.tx.run(async (em) => {
      const v = await this.store.load(em, id, 'record', dto.version);
      if (dto.stopId !== undefined && !(await em.existsBy(VisitStop, { id: dto.stopId, visitId: v.id }))) {
        throw AppError.invalidField('stopId', `站点（编号 ${dto.stopId}）不在本次行程中`);
      }
      const f = await em.save(
        em.create(VisitFinding, {
          visitId: v.id,
          stopId: dto.stopId ?? null,
          problem: dto.problem,
          suggestion: dto.suggestion ?? null,
          theme: dto.theme ?? null,
          recordedByUserId: actor.id,
          at: this.clock.now(),
        }),
      );
      await this.store.write(em, actor, v, null, { action: 'finding', details: { findingId: f.id, stopId: f.stopId } });
      return this.views.detail(em, v, actor);
    });
  }

  /** A photo: JPEG or PNG judged from its bytes (415), within XS_UPLOAD_MAX_MB (413), kept by its checksum; a refused one leaves nothing. */
  addPhoto(actor: Actor, id: number, upload: Upload | undefined): Promise<PhotoView> {
    return this.tx.run(async (em) => {
      const v = await this.store.load(em, id, 'record');
      const a = await this.files.add(em, actor, { type: PHOTO_OWNER, id: v.id }, upload, PHOTO_TYPES);
      return { ...toAttachmentView(a), url: photoUrl(v.id, a.id), previewUrl: `${photoUrl(v.id, a.id)}?preview=1` };
    });
  }

  /** The photo, to those who may see the visit (404 to anyone else); `preview` gives the JPEG's own thumbnail where it has one. */
  async openPhoto(
    actor: Actor,
    id: number,
    photoId: number,
    preview: boolean,
  ): Promise<{ attachment: Attachment; stream: Readable; length: number; mime: string }> {
    const v = await loadReadable(this.ds.manager, actor, id);
    const { attachment, stream } = await this.files.open(this.ds.manager, { type: PHOTO_OWNER, id: v.id }, photoId);
    if (preview && attachment.mime === 'image/jpeg') {
      const thumb = jpegThumbnail(await this.files.readStart(attachment, EXIF_WINDOW));
      if (thumb) {
        stream.destroy();
        return { attachment, stream: Readable.from(thumb), length: thumb.length, mime: 'image/jpeg' };
      }
    }
    return { attachment, stream, length: attachment.bytes, mime: attachment.mime };
  }
}

/** A photo as the answer to a GET (the API's and the page's): shown inline, cached privately for an hour. */
export function photoAnswer(
  photo: Awaited<ReturnType<VisitRecordsService['openPhoto']>>,
  res: Response,
): StreamableFile {
  res.set({ 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, max-age=3600' });
  return new StreamableFile(photo.stream, {
    type: photo.mime,
    disposition: contentDisposition(photo.attachment.name).replace(/^attachment/, 'inline'),
    length: photo.length,
  });
}
