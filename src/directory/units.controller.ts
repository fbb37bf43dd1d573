import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ApiPageResponse } from '../common/openapi';
import { ParseIdPipe } from '../common/validation';
import { CreateUnitDto, UnitQuery, UnitView, UpdateUnitDto } from './units.dto';
import { UnitsService } from './units.service';

@ApiTags('名录')
@ApiBearerAuth()
@Controller('api/v1/units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @ApiPageResponse(UnitView)
  listUnits(@Query() q: UnitQuery) {
    return this.units.list(q);
  }

  @Get(':id')
  @ApiOkResponse({ type: UnitView })
  getUnit(@Param('id', ParseIdPipe) id: number) {
    return this.units.get(id);
  }

  @Roles('admin', 'staff')
  @Post()
  @ApiCreatedResponse({ type: UnitView })
  createUnit(@CurrentUser() actor: Actor, @Body() dto: CreateUnitDto) {
    return this.units.create(actor, dto);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
  @ApiOkResponse({ type: UnitView })
  updateUnit(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUnitDto) {
    return this.units.update(actor, id, dto);
  }
}
