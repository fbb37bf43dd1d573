import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DraftCommentsService } from './draft-comments.service';
import { DraftExport } from './draft-export';
import { DraftStore } from './draft-store';
import { DraftViews } from './draft-views';
import { DraftSweep } from './draft.sweep';
import { DraftsQuery } from './drafts-query';
import { DraftCommentsController, DraftsController, PublicDraftsController } from './drafts.controller';
import { DraftsService } from './drafts.service';

/** 征求意见: draft documents (居民公约, 自治章程 …) put out for comment clause by clause, the comments' dispositions and the revised editions. */
@Module({
  imports: [AuditModule],
  controllers: [DraftsController, DraftCommentsController, PublicDraftsController],
  providers: [DraftStore, DraftViews, DraftsQuery, DraftsService, DraftCommentsService, DraftExport, DraftSweep],
  exports: [DraftsQuery, DraftsService, DraftCommentsService, DraftExport],
})
export class DraftsModule {}
