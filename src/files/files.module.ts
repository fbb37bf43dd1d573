import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AttachmentsService } from './attachments.service';
import { SingleFileInterceptor } from './upload.interceptor';

/** Attachments 附件: files stored by their content and typed by their bytes, and the one-file upload of the API and the pages. */
@Module({
  imports: [AuditModule],
  providers: [AttachmentsService, SingleFileInterceptor],
  exports: [AttachmentsService, SingleFileInterceptor],
})
export class FilesModule {}
