import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { StatsModule } from '../stats/stats.module';
import { TopicsModule } from '../topics/topics.module';
import { VisitsModule } from '../visits/visits.module';
import { MemberRecordKind } from './kinds/member-record-kind';
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
import { ReportInboxController, ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Reports: templates to HTML, HTML to PDF in the worker, requests, files and delivery. */
@Module({
  imports: [AuditModule, FilesModule, ProposalsModule, TopicsModule, VisitsModule, NotificationsModule, StatsModule],
  controllers: [ReportsController, ReportInboxController],
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
    ReportsService,
    ReportRenderJob,
    ReportRecovery,
  ],
  exports: [PdfRenderer, ReportTemplates, ReportsService, ReportKinds],
})
export class ReportsModule {}
