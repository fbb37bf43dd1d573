import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OpinionInformantsController } from './opinion-informants.controller';
import { OpinionInformantsService } from './opinion-informants.service';

/**
 * 信息员名单 and monthly quotas. Imported before OpinionsModule so that `/api/v1/opinions/informants` is routed
 * before that module's `GET :id`. `OPINION_CONFIG` (the default quota) comes from the ConfigModule.
 */
@Module({
  controllers: [OpinionInformantsController],
  imports: [AuditModule],
  providers: [OpinionInformantsService],
  exports: [OpinionInformantsService],
})
export class OpinionInformantsModule {}
