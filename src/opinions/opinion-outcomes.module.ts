import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OpinionAdoptionsService } from './opinion-adoptions.service';
import { ADOPTION_LEVELS, loadAdoptionLevels } from './opinion-outcomes';
import { OpinionOutcomesController } from './opinion-outcomes.controller';
import { OpinionStatsExport } from './opinion-stats-export';
import { OpinionStatsService } from './opinion-stats.service';

/**
 * 社情民意 outcomes: 采用 by upper bodies and the year's statistics. Imported before OpinionsModule so that
 * `GET /api/v1/opinions/stats` is routed before that module's `GET :id`. The levels (config/opinions.json
 * `adoptionLevels`) are read at boot; a bad entry stops start-up.
 */
@Module({
  controllers: [OpinionOutcomesController],
  imports: [AuditModule, NotificationsModule],
  providers: [
    { provide: ADOPTION_LEVELS, useFactory: () => loadAdoptionLevels() },
    OpinionAdoptionsService,
    OpinionStatsService,
    OpinionStatsExport,
  ],
  exports: [ADOPTION_LEVELS, OpinionAdoptionsService, OpinionStatsService],
})
export class OpinionOutcomesModule {}
