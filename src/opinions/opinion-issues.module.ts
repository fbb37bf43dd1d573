import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { InstructionsModule } from '../instructions/instructions.module';
import { ReportsModule } from '../reports/reports.module';
import { OpinionInstructionNotices } from './opinion-instruction-notices';
import { OpinionIssuesController } from './opinion-issues.controller';
import { OpinionIssuesService } from './opinion-issues.service';
import { OpinionsModule } from './opinions.module';

/**
 * Issues of 《社情民意》 (第N期): the opinions on one side, the documents' draft → 签发 → deliver loop on the
 * other. Its own module, so the reports module (which prints the issue through `OpinionIssueKind`) never
 * imports the opinions module, and the opinions module never imports reports.
 */
@Module({
  controllers: [OpinionIssuesController],
  imports: [AuditModule, InstructionsModule, OpinionsModule, ReportsModule],
  providers: [OpinionIssuesService, OpinionInstructionNotices],
  exports: [OpinionIssuesService],
})
export class OpinionIssuesModule {}
