import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ConsultationPointsController } from './consultation-points.controller';
import { ConsultationPointsService } from './consultation-points.service';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';
import { CommitteesController, SectorsController } from './named-list.controller';
import { NamedListService } from './named-list.service';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { UnitsController } from './units.controller';
import { UnitsService } from './units.service';

/** The directory: sectors 界别, committees 专委会, members 委员, handling units 承办单位, consultation points 协商议事点 and sessions 届次. */
@Module({
  imports: [AuditModule],
  controllers: [
    SectorsController,
    CommitteesController,
    MembersController,
    UnitsController,
    ConsultationPointsController,
    SessionsController,
  ],
  providers: [NamedListService, MembersService, UnitsService, ConsultationPointsService, SessionsService],
  exports: [NamedListService, MembersService, UnitsService, ConsultationPointsService, SessionsService],
})
export class DirectoryModule {}
