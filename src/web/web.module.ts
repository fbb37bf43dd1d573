import { DynamicModule, MiddlewareConsumer, Module, NestModule, Type } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { HomePagesController } from './account/home-pages.controller';
import { InboxPagesController } from './account/inbox-pages.controller';
import { NoticeSettingsPagesController } from './account/notice-settings-pages.controller';
import { PublicPagesController } from './account/public-pages.controller';
import { SignInPagesController } from './account/sign-in-pages.controller';
import { SmsSignInPagesController } from './account/sms-sign-in-pages.controller';
import { AuditPagesController } from './directory/audit-pages.controller';
import { DirectoryIndexPagesController } from './directory/directory-index-pages.controller';
import {
  CouncilSessionPagesController,
  PointPagesController,
  UnitPagesController,
} from './directory/directory-pages.controller';
import { MemberPagesController } from './directory/member-pages.controller';
import { CommitteePagesController, SectorPagesController } from './directory/named-list-pages.controller';
import { SecurityEventsPagesController } from './directory/security-events-pages.controller';
import { UsersPagesController } from './directory/users-pages.controller';
import { DraftPagesController, PublicDraftPagesController } from './drafts/draft-pages.controller';
import { InstructionPagesController } from './instructions/instruction-pages.controller';
import { DirectoryChoices } from './kit/directory-choices';
import { ErrorPageMiddleware } from './kit/error-page.middleware';
import { OrganizerChoices } from './kit/organizer-choices';
import { PageCsrfGuard } from './kit/page-csrf.guard';
import { StepForms } from './kit/step-forms';
import { UnreadCountInterceptor } from './kit/unread-count.interceptor';
import { ViewRenderer } from './kit/view-renderer';
import { WebPages } from './kit/web-pages';
import { InformantPagesController } from './opinions/informant-pages.controller';
import { OpinionAttachmentPagesController } from './opinions/opinion-attachment-pages.controller';
import { OpinionOutcomePagesController } from './opinions/opinion-outcome-pages.controller';
import { OpinionPagesController } from './opinions/opinion-pages.controller';
import { PlanPagesController } from './plans/plan-pages.controller';
import { CommitmentPagesController } from './proposals/commitment-pages.controller';
import { ProposalChoices } from './proposals/proposal-choices';
import { ProposalMemberPagesController } from './proposals/proposal-member-pages.controller';
import { ProposalOfficePagesController } from './proposals/proposal-office-pages.controller';
import { ProposalPages } from './proposals/proposal-pages';
import { ProposalPagesController } from './proposals/proposal-pages.controller';
import { ProposalUnitPagesController } from './proposals/proposal-unit-pages.controller';
import { RecordPagesController } from './records/record-pages.controller';
import { ReportPagesController } from './reports/report-pages.controller';
import { ReportSignoffPagesController } from './reports/report-signoff-pages.controller';
import { MeetingPagesController } from './topics/meeting-pages.controller';
import { OutcomePagesController } from './topics/outcome-pages.controller';
import { TopicChoices } from './topics/topic-choices';
import { TopicPages } from './topics/topic-pages';
import { TopicPagesController } from './topics/topic-pages.controller';
import { SchedulePagesController } from './visits/schedule-pages.controller';
import { VisitChoices } from './visits/visit-choices';
import { VisitPagesController } from './visits/visit-pages.controller';

/**
 * The server-rendered Chinese pages. They call the same services as the API, so AppModule
 * passes in the modules that export them (importing those here would be an import cycle).
 */
@Module({})
export class WebModule implements NestModule {
  static forRoot(features: Type[]): DynamicModule {
    return {
      module: WebModule,
      imports: features,
      controllers: [
        SignInPagesController,
        HomePagesController,
        DirectoryIndexPagesController,
        MemberPagesController,
        SectorPagesController,
        CommitteePagesController,
        UnitPagesController,
        PointPagesController,
        CouncilSessionPagesController,
        UsersPagesController,
        AuditPagesController,
        SecurityEventsPagesController,
        NoticeSettingsPagesController,
        SmsSignInPagesController,
        InboxPagesController,
        ProposalMemberPagesController,
        OpinionOutcomePagesController,
        InformantPagesController,
        OpinionAttachmentPagesController,
        OpinionPagesController,
        ProposalOfficePagesController,
        ProposalUnitPagesController,
        CommitmentPagesController,
        ReportPagesController,
        ReportSignoffPagesController,
        InstructionPagesController,
        RecordPagesController,
        DraftPagesController,
        PlanPagesController,
        VisitPagesController,
        SchedulePagesController,
        // Last: its `/proposals/:id` would otherwise take `/proposals/mine` for an id.
        ProposalPagesController,
        TopicPagesController,
        MeetingPagesController,
        OutcomePagesController,
        PublicPagesController,
        PublicDraftPagesController,
      ],
      providers: [
        ViewRenderer,
        WebPages,
        PageCsrfGuard,
        StepForms,
        ProposalPages,
        DirectoryChoices,
        ProposalChoices,
        OrganizerChoices,
        TopicPages,
        TopicChoices,
        VisitChoices,
        { provide: APP_INTERCEPTOR, useClass: UnreadCountInterceptor },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ErrorPageMiddleware).forRoutes('*');
  }
}
