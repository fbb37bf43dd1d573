import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProposalAttachmentsController } from './proposal-attachments.controller';
import { ProposalAttachmentsService } from './proposal-attachments.service';
import { ProposalDeadlines } from './proposal-deadlines.sweep';
import { ProposalExport } from './proposal-export';
import { ProposalHandlingService } from './proposal-handling.service';
import { ProposalNotifier } from './proposal-notifier';
import { ProposalReviewService } from './proposal-review.service';
import { ProposalStatsService } from './proposal-stats.service';
import { ProposalStore } from './proposal-store';
import { ProposalViews } from './proposal-views';
import { ProposalsQuery } from './proposals-query';
import { ProposalsController } from './proposals.controller';
import { ProposalsService } from './proposals.service';
import { PublicProposalsController } from './public-proposals.controller';
import { PublicProposalsService } from './public-proposals.service';

/**
 * 提案: filing, review, assignment, handling and evaluation, and their deadlines (the `proposals` step of the deadlines sweep).
 * `PROPOSAL_CONFIG` (config/proposals.json) comes from the ConfigModule, read at boot.
 */
@Module({
  controllers: [ProposalsController, ProposalAttachmentsController, PublicProposalsController],
  imports: [AuditModule, FilesModule, NotificationsModule],
  providers: [
    ProposalNotifier,
    ProposalStore,
    ProposalViews,
    ProposalsQuery,
    ProposalsService,
    ProposalReviewService,
    ProposalHandlingService,
    ProposalAttachmentsService,
    ProposalStatsService,
    ProposalExport,
    PublicProposalsService,
    ProposalDeadlines,
  ],
  exports: [
    ProposalNotifier,
    ProposalViews,
    ProposalsQuery,
    ProposalsService,
    ProposalReviewService,
    ProposalHandlingService,
    ProposalStatsService,
    PublicProposalsService,
  ],
})
export class ProposalsModule {}
