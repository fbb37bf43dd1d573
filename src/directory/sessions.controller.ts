import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ApiPageResponse } from '../common/openapi';
import { ParseIdPipe } from '../common/validation';
import { CreateSessionDto, SessionQuery, SessionView, UpdateSessionDto } from './sessions.dto';
import { SessionsService } from './sessions.service';

@ApiTags('名录')
@ApiBearerAuth()
@Controller('api/v1/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @ApiPageResponse(SessionView)
  listSessions(@Query() q: SessionQuery) {
    return this.sessions.list(q);
  }

  @Get(':id')
  @ApiOkResponse({ type: SessionView })
  getSession(@Param('id', ParseIdPipe) id: number) {
    return this.sessions.get(id);
  }

  @Roles('admin', 'staff')
  @Post()
  @ApiCreatedResponse({ type: SessionView })
  createSession(@CurrentUser() actor: Actor, @Body() dto: CreateSessionDto) {
    return this.sessions.create(actor, dto);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
  @ApiOkResponse({ type: SessionView })
  updateSession(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateSessionDto) {
    return this.sessions.update(actor, id, dto);
  }
}
