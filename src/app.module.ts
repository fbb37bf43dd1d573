import { DynamicModule, Global, Module, Type, ValueProvider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Bootstrapper } from './app.bootstrapper';
import { appDataSourceOptions } from './app.entities';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { Clock } from './common/clock';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { loadOrganization, ORGANIZATION } from './config/organization';
import { Tx } from './database/tx';
import { DemoInstructionLoader } from './demo/demo-instruction-loader';
import { DemoLoader } from './demo/demo-loader';
import { DemoOpinionIssueLoader } from './demo/demo-opinion-issue-loader';
import { DemoOpinionLoader } from './demo/demo-opinion-loader';
import { DemoProposalLoader } from './demo/demo-proposal-loader';
import { DemoReportLoader } from './demo/demo-report-loader';
import { DemoTopicLoader } from './demo/demo-topic-loader';
import { DemoVisitLoader } from './demo/demo-visit-loader';
import { DirectoryModule } from './directory/directory.module';
import { DraftsModule } from './drafts/drafts.module';
import { FilesModule } from './files/files.module';
import { HealthController } from './health/health.controller';
import { InstructionsModule } from './instructions/instructions.module';
import { JobsModule } from './jobs/jobs.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OpinionInformantsModule } from './opinions/opinion-informants.module';
import { OpinionIssuesModule } from './opinions/opinion-issues.module';
import { OpinionOutcomesModule } from './opinions/opinion-outcomes.module';
import { loadOpinionConfig, OPINION_CONFIG } from './opinions/opinions.config';
import { OpinionsModule } from './opinions/opinions.module';
import { PlansModule } from './plans/plans.module';
import { loadProposalConfig, PROPOSAL_CONFIG } from './proposals/proposals.config';
import { ProposalsModule } from './proposals/proposals.module';
import { ReportsModule } from './reports/reports.module';
import { SearchModule } from './search/search.module';
import { loadRecordRules, RECORD_RULES } from './stats/record-rules';
import { StatsModule } from './stats/stats.module';
import { TodosModule } from './todos/todos.module';
import { loadTopicConfig, TOPIC_CONFIG } from './topics/topics.config';
import { TopicsModule } from './topics/topics.module';
import { VisitsModule } from './visits/visits.module';
import { WebModule } from './web/web.module';

/** Shared plumbing every feature module may inject. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, clock: Clock = new Clock()): DynamicModule {
    return {
      module: CoreModule,
      imports: [TypeOrmModule.forRoot({ ...appDataSourceOptions(config), retryAttempts: 1 })],
      providers: [{ provide: Clock, useValue: clock }, Tx],
      exports: [Clock, Tx],
    };
  }
}

/** The config/*.json files, each read and checked once by its loader, before Nest builds the app (a bad one: exit code 78). */
function configFiles(): ValueProvider[] {
  return [
    { provide: ORGANIZATION, useValue: loadOrganization() },
    { provide: PROPOSAL_CONFIG, useValue: loadProposalConfig() },
    { provide: TOPIC_CONFIG, useValue: loadTopicConfig() },
    { provide: RECORD_RULES, useValue: loadRecordRules() },
    { provide: OPINION_CONFIG, useValue: loadOpinionConfig() },
  ];
}

export interface AppOptions {
  /** Test only: a MovableClock. */
  clock?: Clock;
  /** Test only: modules with extra providers, e.g. a test job processor. */
  imports?: Type[];
}

/**
 * The whole application. The api serves it over HTTP; the worker (src/worker.ts) runs the same
 * module as an application context without HTTP, so every feature's processors exist in both.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, configFiles()),
        CoreModule.forRoot(config, options.clock),
        AuditModule,
        FilesModule,
        JobsModule,
        SearchModule,
        AuthModule,
        DirectoryModule,
        NotificationsModule,
        ProposalsModule,
        StatsModule,
        TopicsModule,
        DraftsModule,
        PlansModule,
        VisitsModule,
        ReportsModule,
        OpinionOutcomesModule,
        OpinionInformantsModule,
        OpinionsModule,
        OpinionIssuesModule,
        InstructionsModule,
        TodosModule,
        WebModule.forRoot([
          AuditModule,
          FilesModule,
          AuthModule,
          DirectoryModule,
          NotificationsModule,
          ProposalsModule,
          ReportsModule,
          StatsModule,
          TopicsModule,
          DraftsModule,
          PlansModule,
          VisitsModule,
          TodosModule,
          OpinionOutcomesModule,
          OpinionInformantsModule,
          OpinionsModule,
          OpinionIssuesModule,
          InstructionsModule,
        ]),
        ...(options.imports ?? []),
      ],
      controllers: [HealthController],
      providers: [
        Bootstrapper,
        DemoLoader,
        DemoProposalLoader,
        DemoTopicLoader,
        DemoVisitLoader,
        DemoReportLoader,
        DemoInstructionLoader,
        DemoOpinionLoader,
        DemoOpinionIssueLoader,
      ],
    };
  }
}
