import type { ReadStream } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { assertAllowed } from '../common/workflow';
import { Tx } from '../database/tx';
import { AttachmentView, toAttachmentView } from '../files/attachment.dto';
import { Attachment } from '../files/attachment.entity';
import { AttachmentsService, Upload } from '../files/attachments.service';
import { isLeadProposer, loadReadable } from './proposal-access';
import { ProposalStore } from './proposal-store';
import { check } from './proposal-workflow';
import { Proposal } from './proposal.entities';

const ownerOf = (p: Proposal) => ({ type: 'proposal', id: p.id });

/**
 * 附件 of a proposal. Its lead (the lead member, or the staff who filed a group proposal) adds and
 * removes them while it is a draft; whoever may read the proposal lists and downloads them.
 * Checks in the workflow's order: who may see it (404/403), the state (409), the person (403), the file (400/413/415).
 */
@Injectable()
export class ProposalAttachmentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly store: ProposalStore,
    private readonly files: AttachmentsService,
  ) {}

  add(actor: Actor, id: number, upload: Upload | undefined): Promise<AttachmentView> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id);
      assertAllowed(check(p.status, 'attach'));
      if (!isLeadProposer(actor, p)) throw AppError.forbidden('只有领衔人可以上传附件');
      return toAttachmentView(await this.files.add(em, actor, ownerOf(p), upload));
    });
  }

  async list(actor: Actor, id: number): Promise<AttachmentView[]> {
    const p = await loadReadable(this.ds.manager, actor, id);
    return (await this.files.list(this.ds.manager, 'proposal', p.id)).map(toAttachmentView);
  }

  async open(actor: Actor, id: number, attachmentId: number): Promise<{ attachment: Attachment; stream: ReadStream }> {
    const p = await loadReadable(this.ds.manager, actor, id);
    return this.files.open(this.ds.manager, ownerOf(p), attachmentId);
  }

  remove(actor: Actor, id: number, attachmentId: number): Promise<void> {
    return this.tx.run(async (em) => {
      const p = await this.store.load(em, actor, id);
      assertAllowed(check(p.status, 'detach'));
      if (!isLeadProposer(actor, p)) throw AppError.forbidden('只有领衔人可以删除附件');
      await this.files.remove(em, actor, ownerOf(p), attachmentId);
    });
  }
}
