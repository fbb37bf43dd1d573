import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ApiPageResponse } from '../common/openapi';
import { ParseIdPipe } from '../common/validation';
import { CreateMemberDto, MemberQuery, MemberView, UpdateMemberDto } from './members.dto';
import { MembersService } from './members.service';

@ApiTags('名录')
@ApiBearerAuth()
@Controller('api/v1/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  /** Every account reads the directory; phones and employers only admin, staff and the member themself. */
  @Get()
  @ApiPageResponse(MemberView)
  listMembers(@CurrentUser() actor: Actor, @Query() q: MemberQuery) {
    return this.members.list(q, actor);
  }

  @Get(':id')
  @ApiOkResponse({ type: MemberView })
  getMember(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.members.get(id, actor);
  }

  @Roles('admin', 'staff')
  @Post()
  @ApiCreatedResponse({ type: MemberView })
  createMember(@CurrentUser() actor: Actor, @Body() dto: CreateMemberDto) {
    return this.members.create(actor, dto);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
  @ApiOkResponse({ type: MemberView })
  updateMember(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateMemberDto) {
    return this.members.update(actor, id, dto);
  }
}
