import type { ReadStream } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../common/actor';
import { assertAllowed } from '../common/workflow';
import { Tx } from '../database/tx';
import { AttachmentView, toAttachmentView } from '../files/attachment.dto';
import { Attachment } from '../files/attachment.entity';
import { AttachmentsService, Upload } from '../files/attachments.service';
import { assertCanRead, isSubmitter, notFound } from './opinion-access';
import { OpinionStore } from './opinion-store';
import { check } from './opinion-workflow';
import { Opinion } from './opinion.entities';

const ownerOf = (o: Opinion) => ({ type: 'opinion', id: o.id });

/**
 * 附件 of a 社情民意信息 (a photo of the scene, a table of figures): the submitter adds and removes them while they
 * may edit the text (草稿, 退回修改) — the same rule as the text, so 409 once submitted, 403 for anyone else;
 * whoever may read the item lists and downloads them (another person's item is 404). Files are checked by their
 * bytes and size in the shared AttachmentsService, as a proposal's are.
 */
@Injectable()
export class OpinionAttachmentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly store: OpinionStore,
    private readonly files: AttachmentsService,
  ) {}

  add(actor: Actor, id: number, upload: Upload | undefined): Promise<AttachmentView> {
    return this.tx.run(async (em) => {
      const o = await this.store.load(em, actor, id);
      assertAllowed(check(o.status, 'edit', { isSubmitter: isSubmitter(actor, o) }));
      return toAttachmentView(await this.files.add(em, actor, ownerOf(o), upload));
    });
  }

  async list(actor: Actor, id: number): Promise<AttachmentView[]> {
    const o = await this.readable(actor, id);
    return (await this.files.list(this.ds.manager, 'opinion', o.id)).map(toAttachmentView);
  }

  async open(actor: Actor, id: number, attachmentId: number): Promise<{ attachment: Attachment; stream: ReadStream }> {
    const o = await this.readable(actor, id);
    return this.files.open(this.ds.manager, ownerOf(o), attachmentId);
  }

  remove(actor: Actor, id: number, attachmentId: number): Promise<void> {
    return this.tx.run(async (em) => {
      const o = await this.store.load(em, actor, id);
      assertAllowed(check(o.status, 'edit', { isSubmitter: isSubmitter(actor, o) }));
      await this.files.remove(em, actor, ownerOf(o), attachmentId);
    });
  }

  private async readable(actor: Actor, id: number): Promise<Opinion> {
    const o = await this.ds.manager.findOneBy(Opinion, { id });
    if (!o) throw notFound();
    await assertCanRead(this.ds.manager, actor, o);
    return o;
  }
}
