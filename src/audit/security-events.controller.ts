import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth.decorators';
import { SecurityEventQuery } from './security-events.dto';
import { SecurityEventsService } from './security-events.service';

@ApiTags('审计')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/security-events')
export class SecurityEventsController {
  constructor(private readonly events: SecurityEventsService) {}

  /** Sign-ins, failures, lock-outs, sign-outs and refused requests, newest first. */
  @Get()
  listSecurityEvents(@Query() q: SecurityEventQuery) {
    return this.events.query(q);
  }
}
