import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OpinionOutcomesModule } from '../opinions/opinion-outcomes.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { StatsModule } from '../stats/stats.module';
import { TopicsModule } from '../topics/topics.module';
import { VisitsModule } from '../visits/visits.module';
import { CommitmentReviewKind } from './kinds/commitment-review-kind';
import { MemberRecordKind } from './kinds/member-record-kind';
import { NoticeSheetKind } from './kinds/notice-sheet-kind';
import { OpinionAnnualKind } from './kinds/opinion-annual-kind';
import { OpinionIssueKind } from './kinds/opinion-issue-kind';
import { ProposalAnnualKind } from './kinds/proposal-annual-kind';
import { ProposalSheetKind, ReplyLetterKind } from './kinds/proposal-kinds';
import { TopicBriefingKind } from './kinds/topic-briefing-kind';
import { VisitBriefingKind } from './kinds/visit-briefing-kind';
import { VisitReportData, VisitReportKind } from './kinds/visit-report-kind';
import { PdfRenderer } from './pdf-renderer';
import { ReportKinds } from './report-kinds';
import { ReportRecovery } from './report-recovery.sweep';
import { ReportRenderJob } from './report-render.job';
import { ReportTemplates } from './report-templates';
import { ReportTodos } from './report-todos';
import { ReportInboxController, ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { ReportSignoffController } from './signoff/report-signoff.controller';
import { ReportSignoffService } from './signoff/report-signoff.service';

/** Reports: templates to HTML, HTML to PDF in the worker, requests, files and delivery. */
@Module({
  imports: [
    AuditModule,
    FilesModule,
    ProposalsModule,
    TopicsModule,
    VisitsModule,
    NotificationsModule,
    StatsModule,
    OpinionOutcomesModule,
  ],
  controllers: [ReportsController, ReportSignoffController, ReportInboxController],
  providers: [
    PdfRenderer,
    ReportTemplates,
    ReportKinds,
    ProposalSheetKind,
    ReplyLetterKind,
    ProposalAnnualKind,
    TopicBriefingKind,
    VisitReportData,
    VisitBriefingKind,
    VisitReportKind,
    MemberRecordKind,
    NoticeSheetKind,
    OpinionIssueKind,
    OpinionAnnualKind,
    CommitmentReviewKind,
    ReportsService,
    ReportSignoffService,
    ReportRenderJob,
    ReportRecovery,
    ReportTodos,
  ],
  exports: [
    PdfRenderer,
    ReportTemplates,
    ReportsService,
    ReportSignoffService,
    ReportRenderJob,
    ReportKinds,
    ReportTodos,
  ],
})
export class ReportsModule {}
