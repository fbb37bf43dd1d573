import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { SecurityEventsController } from './security-events.controller';
import { SecurityEventsService } from './security-events.service';

/**
 * The audit trail: every module records its steps through AuditService; administrators read and verify it at
 * `/api/v1/audit`. Security events (sign-in, refusals) go through SecurityEventsService to `/api/v1/security-events`.
 */
@Module({
  controllers: [AuditController, SecurityEventsController],
  providers: [AuditService, SecurityEventsService],
  exports: [AuditService, SecurityEventsService],
})
export class AuditModule {}
