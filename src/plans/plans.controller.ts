import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentUser, Roles } from '../common/auth.decorators';
import { ApiPageResponse } from '../common/openapi';
import { ParseIdPipe } from '../common/validation';
import { PlanItemView, PlanSummaryView, PlanView } from './dto/plan-view.dto';
import { CreatePlanDto, CreatePlanItemDto, PlanQuery, UpdatePlanItemDto, VersionDto } from './dto/plan.dto';
import { PlansService } from './plans.service';

/** 年度协商计划: drawn up, approved and carried out by the office (staff); leaders read it. */
@ApiTags('年度协商计划')
@ApiBearerAuth()
@Controller('api/v1/plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Roles('staff', 'leader')
  @Get()
  @ApiOperation({ summary: '年度协商计划列表（?year=），含进度' })
  @ApiPageResponse(PlanSummaryView)
  listPlans(@Query() q: PlanQuery) {
    return this.plans.list(q);
  }

  @Roles('staff')
  @Post()
  @ApiOperation({ summary: '制定年度协商计划（工作人员）：每年每个范围一份，初为草案' })
  @ApiCreatedResponse({ type: PlanView })
  createPlan(@CurrentUser() actor: Actor, @Body() dto: CreatePlanDto) {
    return this.plans.create(actor, dto);
  }

  @Roles('staff', 'leader')
  @Get(':id')
  @ApiOperation({ summary: '年度协商计划：按季度的协商事项、各事项议题所处步骤、进度与逾期事项' })
  @ApiOkResponse({ type: PlanView })
  getPlan(@Param('id', ParseIdPipe) id: number) {
    return this.plans.get(id);
  }

  @Roles('staff')
  @Post(':id/items')
  @ApiOperation({ summary: '增加协商事项（工作人员，计划为草案时）' })
  @ApiCreatedResponse({ type: PlanItemView })
  addPlanItem(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: CreatePlanItemDto) {
    return this.plans.addItem(actor, id, dto);
  }

  @Roles('staff')
  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: '批准年度协商计划（工作人员）：计划定稿，事项可逐项启动' })
  @ApiOkResponse({ type: PlanView })
  approvePlan(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VersionDto) {
    return this.plans.approve(actor, id, dto);
  }
}

@ApiTags('年度协商计划')
@ApiBearerAuth()
@Controller('api/v1/plan-items')
export class PlanItemsController {
  constructor(private readonly plans: PlansService) {}

  @Roles('staff')
  @Patch(':id')
  @ApiOperation({ summary: '修改协商事项（工作人员，计划为草案时）' })
  @ApiOkResponse({ type: PlanItemView })
  updatePlanItem(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdatePlanItemDto) {
    return this.plans.updateItem(actor, id, dto);
  }

  @Roles('staff')
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: '删除协商事项（工作人员，计划为草案时）' })
  @ApiNoContentResponse()
  removePlanItem(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.plans.removeItem(actor, id);
  }

  @Roles('staff')
  @Post(':id/start')
  @HttpCode(200)
  @ApiOperation({
    summary: '启动协商事项（工作人员，计划已批准）：生成来源为年度协商计划、已定题的协商议题；只能启动一次',
  })
  @ApiOkResponse({ type: PlanItemView })
  startPlanItem(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VersionDto) {
    return this.plans.start(actor, id, dto);
  }
}
