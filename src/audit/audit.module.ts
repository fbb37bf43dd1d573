import { Logger, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { databaseIdentity } from './audit-anchor';
import { AuditAnchors } from './audit-anchor.sweep';
import { AUDIT_CHAIN, AuditChainSettings, resolveAuditKey } from './audit-key';
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
  providers: [
    {
      provide: AUDIT_CHAIN,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): AuditChainSettings => ({
        key: resolveAuditKey(config.audit, { create: true, log: (m) => new Logger('Audit').warn(m) })!,
        hmac: config.audit.hmac,
        anchorFile: config.audit.anchorFile,
        db: databaseIdentity(config.database),
      }),
    },
    AuditService,
    AuditAnchors,
    SecurityEventsService,
  ],
  exports: [AuditService, SecurityEventsService],
})
export class AuditModule {}
