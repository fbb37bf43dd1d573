import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { InstructionDeadlines } from './instruction-deadlines.sweep';
import { InstructionEvents } from './instruction-events';
import { InstructionNotifier } from './instruction-notifier';
import { InstructionStatsService } from './instruction-stats.service';
import { InstructionTargets } from './instruction-targets';
import { InstructionViews } from './instruction-views';
import { INSTRUCTION_CONFIG, loadInstructionConfig } from './instructions.config';
import { InstructionsController } from './instructions.controller';
import { InstructionsService } from './instructions.service';

/**
 * 领导批示 on delivered documents and key proposals, their 交办事项 for units, and the `instructions` step of the
 * deadlines sweep. It reads the reports' and proposals' tables for its targets, without their modules.
 * `INSTRUCTION_CONFIG` (config/instructions.json) is read once, at boot.
 */
@Module({
  imports: [AuditModule, NotificationsModule],
  controllers: [InstructionsController],
  providers: [
    { provide: INSTRUCTION_CONFIG, useFactory: () => loadInstructionConfig() },
    InstructionTargets,
    InstructionViews,
    InstructionNotifier,
    InstructionEvents,
    InstructionsService,
    InstructionDeadlines,
    InstructionStatsService,
  ],
  exports: [InstructionsService, InstructionStatsService, InstructionEvents],
})
export class InstructionsModule {}
