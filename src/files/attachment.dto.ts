import { ApiProperty } from '@nestjs/swagger';
import type { Attachment } from './attachment.entity';
import { typeLabelOf } from './file-type';

/** What a record's view shows of each attachment. */
export class AttachmentRef {
  @ApiProperty()
  id!: number;

  @ApiProperty({ example: '关于家政服务业的调研.pdf' })
  name!: string;

  @ApiProperty({ description: '文件类型（由文件内容判断）', example: 'application/pdf' })
  mime!: string;

  @ApiProperty({ example: 'PDF 文档' })
  typeLabel!: string;

  @ApiProperty({ description: '字节数' })
  bytes!: number;
}

/** One stored attachment, as its upload answers and its list shows it. */
export class AttachmentView extends AttachmentRef {
  @ApiProperty({
    description: '文件内容的 SHA-256（十六进制）',
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  })
  sha256!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const toAttachmentRef = (a: Attachment): AttachmentRef => ({
  id: a.id,
  name: a.name,
  mime: a.mime,
  typeLabel: typeLabelOf(a.mime),
  bytes: a.bytes,
});

export const toAttachmentView = (a: Attachment): AttachmentView => ({
  ...toAttachmentRef(a),
  sha256: a.sha256,
  createdAt: a.createdAt.toISOString(),
});
