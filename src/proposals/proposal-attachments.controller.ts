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
import { ProposalAttachmentsService } from './proposal-attachments.service';

/** 提案附件: uploaded while the proposal is a draft, read by whoever may read the proposal. */
@ApiTags('提案')
@ApiBearerAuth()
@Controller('api/v1/proposals/:id/attachments')
export class ProposalAttachmentsController {
  constructor(private readonly attachments: ProposalAttachmentsService) {}

  @Roles('member', 'staff')
  @Post()
  @ApiFileUpload()
  @ApiOperation({
    summary: '上传附件（领衔人，草稿时）：PDF、Word、JPEG 或 PNG，按文件内容判断类型，大小受 XS_UPLOAD_MAX_MB 限制',
  })
  @ApiCreatedResponse({ type: AttachmentView })
  addProposalAttachment(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @UploadedFile() file: Upload | undefined,
  ) {
    return this.attachments.add(actor, id, file);
  }

  @Roles('staff', 'leader', 'member', 'unit')
  @Get()
  @ApiOperation({ summary: '附件列表（可查看该提案者）' })
  @ApiOkResponse({ type: [AttachmentView] })
  listProposalAttachments(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.attachments.list(actor, id);
  }

  @Roles('staff', 'leader', 'member', 'unit')
  @Get(':attachmentId')
  @ApiOperation({ summary: '下载附件（可查看该提案者）' })
  @ApiProduces(
    'application/pdf',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'image/jpeg',
    'image/png',
  )
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async downloadProposalAttachment(
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
  @ApiOperation({ summary: '删除附件（领衔人，草稿时）' })
  @ApiNoContentResponse()
  async deleteProposalAttachment(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('attachmentId', ParseIdPipe) attachmentId: number,
  ): Promise<void> {
    await this.attachments.remove(actor, id, attachmentId);
  }
}
