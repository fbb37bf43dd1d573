import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth.decorators';
import { AuditQuery } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('审计')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  listAuditEntries(@Query() q: AuditQuery) {
    return this.audit.query(q);
  }

  /** Recomputes the hash chain; names the first row edited or deleted behind the application's back. */
  @Get('verify')
  verifyAuditChain() {
    return this.audit.verify();
  }
}
