import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { OpinionAttachmentsController } from './opinion-attachments.controller';
import { OpinionAttachmentsService } from './opinion-attachments.service';
import { OpinionConversion } from './opinion-conversion';
import { OpinionMergeService } from './opinion-merge.service';
import { OpinionReviewService } from './opinion-review.service';
import { OpinionStore } from './opinion-store';
import { OpinionViews } from './opinion-views';
import { OpinionsQuery } from './opinions-query';
import { OpinionsController } from './opinions.controller';
import { OpinionsService } from './opinions.service';

/**
 * 社情民意信息: filing, review and the proposals converted into it (it registers with the proposals'
 * `ProposalConversions`; the proposals module never imports this one). `OPINION_CONFIG` (config/opinions.json)
 * comes from the ConfigModule, read at boot.
 */
@Module({
  controllers: [OpinionsController, OpinionAttachmentsController],
  imports: [AuditModule, FilesModule, NotificationsModule, ProposalsModule],
  providers: [
    OpinionConversion,
    OpinionStore,
    OpinionViews,
    OpinionsQuery,
    OpinionsService,
    OpinionReviewService,
    OpinionMergeService,
    OpinionAttachmentsService,
  ],
  exports: [
    OpinionAttachmentsService,
    OpinionViews,
    OpinionsService,
    OpinionReviewService,
    OpinionMergeService,
    OpinionStore,
  ],
})
export class OpinionsModule {}
