import { Module } from '@nestjs/common';
import { DraftsModule } from '../drafts/drafts.module';
import { InstructionsModule } from '../instructions/instructions.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { ReportsModule } from '../reports/reports.module';
import { TopicsModule } from '../topics/topics.module';
import { VisitsModule } from '../visits/visits.module';
import { TodosController } from './todos.controller';
import { TodosService } from './todos.service';

/**
 * 待办 over the journeys: it reads proposals, topics, visits, drafts, reports and notifications through their own
 * queries, so it sits above them (the `overview` layer of docs/design/layout.md); the home page and the API share it.
 */
@Module({
  imports: [
    ProposalsModule,
    TopicsModule,
    VisitsModule,
    DraftsModule,
    ReportsModule,
    NotificationsModule,
    InstructionsModule,
  ],
  controllers: [TodosController],
  providers: [TodosService],
  exports: [TodosService],
})
export class TodosModule {}
