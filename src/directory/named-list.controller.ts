import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ApiPageResponse } from '../common/openapi';
import { ParseIdPipe } from '../common/validation';
import { CreateNamedDto, DirectoryQuery, NamedView, UpdateNamedDto } from './named-list.dto';
import { NamedListService } from './named-list.service';

@ApiTags('名录')
@ApiBearerAuth()
@Controller('api/v1/sectors')
export class SectorsController {
  constructor(private readonly lists: NamedListService) {}

  @Get()
  @ApiPageResponse(NamedView)
  listSectors(@Query() q: DirectoryQuery) {
    return this.lists.list('sector', q);
  }

  @Get(':id')
  @ApiOkResponse({ type: NamedView })
  getSector(@Param('id', ParseIdPipe) id: number) {
    return this.lists.get('sector', id);
  }

  @Roles('admin', 'staff')
  @Post()
  @ApiCreatedResponse({ type: NamedView })
  createSector(@CurrentUser() actor: Actor, @Body() dto: CreateNamedDto) {
    return this.lists.create('sector', actor, dto);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
  @ApiOkResponse({ type: NamedView })
  updateSector(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateNamedDto) {
    return this.lists.update('sector', actor, id, dto);
  }
}

@ApiTags('名录')
@ApiBearerAuth()
@Controller('api/v1/committees')
export class CommitteesController {
  constructor(private readonly lists: NamedListService) {}

  @Get()
  @ApiPageResponse(NamedView)
  listCommittees(@Query() q: DirectoryQuery) {
    return this.lists.list('committee', q);
  }

  @Get(':id')
  @ApiOkResponse({ type: NamedView })
  getCommittee(@Param('id', ParseIdPipe) id: number) {
    return this.lists.get('committee', id);
  }

  @Roles('admin', 'staff')
  @Post()
  @ApiCreatedResponse({ type: NamedView })
  createCommittee(@CurrentUser() actor: Actor, @Body() dto: CreateNamedDto) {
    return this.lists.create('committee', actor, dto);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
  @ApiOkResponse({ type: NamedView })
  updateCommittee(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateNamedDto) {
    return this.lists.update('committee', actor, id, dto);
  }
}
