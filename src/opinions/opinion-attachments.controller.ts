import { Controller, Delete, Get, HttpCode, Param, Post, Res, StreamableFile, UploadedFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ParseIdPipe } from '../common/validation';
import { AttachmentView } from '../files/attachment.dto';
import { attachmentDownload, Upload } from '../files/attachments.service';
import { ApiFileUpload } from '../files/upload.interceptor';
import { OpinionAttachmentsService } from './opinion-attachments.service';

/** 社情民意附件: added by the submitter while they may edit the text, read by whoever may read the item. */
@ApiTags('社情民意')
@ApiBearerAuth()
@Controller('api/v1/opinions/:id/attachments')
export class OpinionAttachmentsController {
  constructor(private readonly attachments: OpinionAttachmentsService) {}

  @Roles('member', 'staff')
  @Post()
  @ApiFileUpload()
  @ApiOperation({
    summary:
      '上传附件（报送人，草稿或退回修改时）：PDF、Word、JPEG 或 PNG，按文件内容判断类型，大小受 XS_UPLOAD_MAX_MB 限制',
  })
  @ApiCreatedResponse({ type: AttachmentView })
  addOpinionAttachment(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @UploadedFile() file: Upload | undefined,
  ) {
    return this.attachments.add(actor, id, file);
  }

  @Roles('member', 'staff')
  @Get()
  @ApiOperation({ summary: '附件列表（可查看该信息者）' })
  @ApiOkResponse({ type: [AttachmentView] })
  listOpinionAttachments(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.attachments.list(actor, id);
  }

  @Roles('member', 'staff')
  @Get(':attachmentId')
  @ApiOperation({ summary: '下载附件（可查看该信息者）' })
  @ApiProduces('application/pdf', 'application/msword', 'image/jpeg', 'image/png')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async downloadOpinionAttachment(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('attachmentId', ParseIdPipe) attachmentId: number,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return attachmentDownload(res, await this.attachments.open(actor, id, attachmentId));
  }

  @Roles('member', 'staff')
  @Delete(':attachmentId')
  @HttpCode(204)
  @ApiOperation({ summary: '删除附件（报送人，草稿或退回修改时）' })
  @ApiNoContentResponse()
  async deleteOpinionAttachment(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('attachmentId', ParseIdPipe) attachmentId: number,
  ): Promise<void> {
    await this.attachments.remove(actor, id, attachmentId);
  }
}
