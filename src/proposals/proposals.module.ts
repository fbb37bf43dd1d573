import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CommitmentDeadlines } from './commitment-deadlines.sweep';
import { CommitmentExport } from './commitment-export';
import { CommitmentStore } from './commitment-store';
import { CommitmentsController } from './commitments.controller';
import { CommitmentsService } from './commitments.service';
import { ProposalAttachmentsController } from './proposal-attachments.controller';
import { ProposalAttachmentsService } from './proposal-attachments.service';
import { ProposalConversions } from './proposal-conversions';
import { ProposalDeadlines } from './proposal-deadlines.sweep';
import { ProposalExport } from './proposal-export';
import { ProposalHandlingService } from './proposal-handling.service';
import { ProposalNotifier } from './proposal-notifier';
import { ProposalReviewService } from './proposal-review.service';
import { ProposalStatsService } from './proposal-stats.service';
import { ProposalStore } from './proposal-store';
import { ProposalTodos } from './proposal-todos';
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
  controllers: [ProposalsController, ProposalAttachmentsController, PublicProposalsController, CommitmentsController],
  imports: [AuditModule, FilesModule, NotificationsModule],
  providers: [
    ProposalConversions,
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
    ProposalTodos,
    CommitmentStore,
    CommitmentsService,
    CommitmentDeadlines,
    CommitmentExport,
  ],
  exports: [
    ProposalConversions,
    ProposalNotifier,
    ProposalViews,
    ProposalsQuery,
    ProposalsService,
    ProposalReviewService,
    ProposalHandlingService,
    ProposalStatsService,
    ProposalExport,
    PublicProposalsService,
    ProposalTodos,
    CommitmentsService,
    CommitmentExport,
  ],
})
export class ProposalsModule {}
