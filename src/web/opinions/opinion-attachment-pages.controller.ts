import { Controller, Get, Param, Post, Res, StreamableFile, UploadedFile, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseIdPipe } from '../../common/validation';
import { attachmentDownload, Upload } from '../../files/attachments.service';
import { OpinionAttachmentsService } from '../../opinions/opinion-attachments.service';
import { PageCsrfGuard, PageUpload } from '../kit/page-csrf.guard';
import { WebPages } from '../kit/web-pages';

/** A refusal of the file (or of the item's state) → the kind the item's page names in words (views FILE_ERRORS). */
const FILE_ERROR_KINDS: Record<number, string> = { 400: 'none', 409: 'state', 413: 'size', 415: 'type' };

/**
 * 社情民意附件 on the item's page: the submitter uploads and removes while a draft or returned, readers download.
 * Every rule is the service's; a refused upload comes back to the item's page with the reason beside the form.
 */
@ApiExcludeController()
@UseGuards(PageCsrfGuard)
@Controller('opinions/:id/attachments')
export class OpinionAttachmentPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly attachments: OpinionAttachmentsService,
  ) {}

  @Roles('member', 'staff')
  @Post()
  @PageUpload()
  async upload(
    @CurrentUser() actor: Actor,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @UploadedFile() file: Upload | undefined,
  ): Promise<void> {
    await this.refusedBack(res, id, 'attached', () => this.attachments.add(actor, id, file));
  }

  @Roles('member', 'staff')
  @Get(':attachmentId')
  async download(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('attachmentId', ParseIdPipe) attachmentId: number,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return attachmentDownload(res, await this.attachments.open(actor, id, attachmentId));
  }

  @Roles('member', 'staff')
  @Post(':attachmentId/delete')
  async remove(
    @CurrentUser() actor: Actor,
    @Res() res: Response,
    @Param('id', ParseIdPipe) id: number,
    @Param('attachmentId', ParseIdPipe) attachmentId: number,
  ): Promise<void> {
    await this.refusedBack(res, id, 'detached', () => this.attachments.remove(actor, id, attachmentId));
  }

  /** Done: the item's page with its banner. A file or state refusal: the page naming why; anything else throws. */
  private async refusedBack(res: Response, id: number, done: string, step: () => Promise<unknown>): Promise<void> {
    try {
      await step();
    } catch (e) {
      const kind = e instanceof AppError ? FILE_ERROR_KINDS[e.statusCode] : undefined;
      if (!kind) throw e;
      return this.pages.redirect(res, `/opinions/${id}?fileError=${kind}#attachments`);
    }
    this.pages.redirect(res, `/opinions/${id}?done=${done}#attachments`);
  }
}
