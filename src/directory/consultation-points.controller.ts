import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ApiPageResponse } from '../common/openapi';
import { ParseIdPipe } from '../common/validation';
import {
  ConsultationPointQuery,
  ConsultationPointView,
  CreateConsultationPointDto,
  UpdateConsultationPointDto,
} from './consultation-points.dto';
import { ConsultationPointsService } from './consultation-points.service';

@ApiTags('名录')
@ApiBearerAuth()
@Controller('api/v1/consultation-points')
export class ConsultationPointsController {
  constructor(private readonly points: ConsultationPointsService) {}

  @Get()
  @ApiPageResponse(ConsultationPointView)
  listConsultationPoints(@Query() q: ConsultationPointQuery) {
    return this.points.list(q);
  }

  @Get(':id')
  @ApiOkResponse({ type: ConsultationPointView })
  getConsultationPoint(@Param('id', ParseIdPipe) id: number) {
    return this.points.get(id);
  }

  @Roles('admin', 'staff')
  @Post()
  @ApiCreatedResponse({ type: ConsultationPointView })
  createConsultationPoint(@CurrentUser() actor: Actor, @Body() dto: CreateConsultationPointDto) {
    return this.points.create(actor, dto);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
  @ApiOkResponse({ type: ConsultationPointView })
  updateConsultationPoint(
    @CurrentUser() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateConsultationPointDto,
  ) {
    return this.points.update(actor, id, dto);
  }
}
