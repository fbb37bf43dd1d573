import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { Actor } from '../common/actor';
import { ParseIdPipe } from '../common/validation';
import { CreateNamedDto, DirectoryQuery, UpdateNamedDto } from './named-list.dto';
import { NamedListService } from './named-list.service';

@ApiTags('名录')
@ApiBearerAuth()
@Controller('api/v1/sectors')
export class SectorsController {
  constructor(private readonly lists: NamedListService) {}

  @Get()
  listSectors(@Query() q: DirectoryQuery) {
    return this.lists.list('sector', q);
  }

  @Get(':id')
  getSector(@Param('id', ParseIdPipe) id: number) {
    return this.lists.get('sector', id);
  }

  @Roles('admin', 'staff')
  @Post()
  createSector(@CurrentUser() actor: Actor, @Body() dto: CreateNamedDto) {
    return this.lists.create('sector', actor, dto);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
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
  listCommittees(@Query() q: DirectoryQuery) {
    return this.lists.list('committee', q);
  }

  @Get(':id')
  getCommittee(@Param('id', ParseIdPipe) id: number) {
    return this.lists.get('committee', id);
  }

  @Roles('admin', 'staff')
  @Post()
  createCommittee(@CurrentUser() actor: Actor, @Body() dto: CreateNamedDto) {
    return this.lists.create('committee', actor, dto);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
  updateCommittee(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateNamedDto) {
    return this.lists.update('committee', actor, id, dto);
  }
}
