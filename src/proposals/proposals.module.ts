import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProposalDeadlines } from './proposal-deadlines';
import { ProposalEvents } from './proposal-events';
import { ProposalHandlingService } from './proposal-handling.service';
import { ProposalReviewService } from './proposal-review.service';
import { ProposalStore } from './proposal-store';
import { ProposalViews } from './proposal-views';
import { loadProposalConfig, PROPOSAL_CONFIG } from './proposals.config';
import { ProposalsController } from './proposals.controller';
import { ProposalsQuery } from './proposals-query';
import { ProposalsService } from './proposals.service';

/** 提案: filing, review, assignment, handling and evaluation, and their deadlines (the `proposals` step of the deadlines sweep). */
@Module({
  imports: [NotificationsModule],
  controllers: [ProposalsController],
  providers: [
    { provide: PROPOSAL_CONFIG, useFactory: () => loadProposalConfig() },
    ProposalEvents,
    ProposalStore,
    ProposalViews,
    ProposalsQuery,
    ProposalsService,
    ProposalReviewService,
    ProposalHandlingService,
    ProposalDeadlines,
  ],
  exports: [PROPOSAL_CONFIG, ProposalEvents, ProposalViews, ProposalsQuery, ProposalsService, ProposalReviewService, ProposalHandlingService],
})
export class ProposalsModule {}
