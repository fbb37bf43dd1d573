import { DynamicModule, MiddlewareConsumer, Module, NestModule, Type } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditPagesController } from './audit-pages.controller';
import { CouncilSessionPagesController, PointPagesController, UnitPagesController } from './directory-pages.controller';
import { DraftPagesController, PublicDraftPagesController } from './draft-pages.controller';
import { ErrorPageMiddleware } from './error-page.middleware';
import { HomePagesController } from './home-pages.controller';
import { InboxPagesController } from './inbox-pages.controller';
import { MeetingPagesController } from './meeting-pages.controller';
import { MemberPagesController } from './member-pages.controller';
import { CommitteePagesController, SectorPagesController } from './named-list-pages.controller';
import { OrganizerChoices } from './organizer-choices';
import { OutcomePagesController } from './outcome-pages.controller';
import { PageCsrfGuard } from './page-csrf.guard';
import { PlanPagesController } from './plan-pages.controller';
import { ProposalChoices } from './proposal-choices';
import { ProposalMemberPagesController } from './proposal-member-pages.controller';
import { ProposalOfficePagesController } from './proposal-office-pages.controller';
import { ProposalPages } from './proposal-pages';
import { ProposalPagesController } from './proposal-pages.controller';
import { ProposalUnitPagesController } from './proposal-unit-pages.controller';
import { PublicPagesController } from './public-pages.controller';
import { RecordPagesController } from './record-pages.controller';
import { ReportPagesController } from './report-pages.controller';
import { SchedulePagesController } from './schedule-pages.controller';
import { SignInPagesController } from './sign-in-pages.controller';
import { TopicChoices } from './topic-choices';
import { TopicPages } from './topic-pages';
import { TopicPagesController } from './topic-pages.controller';
import { UnreadCountInterceptor } from './unread-count.interceptor';
import { UsersPagesController } from './users-pages.controller';
import { ViewRenderer } from './view-renderer';
import { VisitChoices } from './visit-choices';
import { VisitPagesController } from './visit-pages.controller';
import { WebPages } from './web-pages';

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
        MemberPagesController,
        SectorPagesController,
        CommitteePagesController,
        UnitPagesController,
        PointPagesController,
        CouncilSessionPagesController,
        UsersPagesController,
        AuditPagesController,
        InboxPagesController,
        ProposalMemberPagesController,
        ProposalOfficePagesController,
        ProposalUnitPagesController,
        ReportPagesController,
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
        ProposalPages,
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
