import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TopicsModule } from '../topics/topics.module';
import { PlanViews } from './plan-views';
import { PlanItemsController, PlansController } from './plans.controller';
import { PlansService } from './plans.service';

/** 年度协商计划: planned consultations by quarter, approved, then started as topics. */
@Module({
  imports: [AuditModule, TopicsModule],
  controllers: [PlansController, PlanItemsController],
  providers: [PlanViews, PlansService],
  exports: [PlansService],
})
export class PlansModule {}
